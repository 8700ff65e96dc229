// The configuration as npm start reads it: the core's variables and every registered platform's,
// with each platform's settings under its name (config.slack, config.discord, config.api).

import { loadConfig as loadCoreConfig, type Config } from '../../src/config.js';
import { PLATFORMS } from '../../adapters/platforms.js';
import type { SlackConfig } from '../../adapters/slack/config.js';
import type { DiscordConfig } from '../../adapters/discord/config.js';
import type { ApiConfig } from '../../adapters/api/config.js';

export { VARIABLES } from '../../adapters/platforms.js';

export function loadConfig(env: Record<string, string | undefined>, cwd: string): Config & { slack?: SlackConfig; discord?: DiscordConfig; api?: ApiConfig } {
  const config = loadCoreConfig(env, cwd, PLATFORMS);
  const on = config.platforms as { slack?: SlackConfig; discord?: DiscordConfig; api?: ApiConfig };
  return { ...config, slack: on.slack, discord: on.discord, api: on.api };
}
