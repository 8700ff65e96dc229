// Discord as a platform module: discord.js over the gateway. It loads only when configured.

import type { PlatformModule } from '../platform.js';
import { DISCORD_VARIABLES, readDiscordConfig, type DiscordConfig } from './config.js';

export const discord: PlatformModule<DiscordConfig> = {
  name: 'discord',
  label: 'Discord',
  turnOn: 'DISCORD_TOKEN',
  variables: DISCORD_VARIABLES,
  digestChannel: 'DIGEST_DISCORD_CHANNEL',
  read: readDiscordConfig,
  describe: () => 'on',
  async start(ctx, config) {
    const { startDiscord } = await import('./index.js');
    return startDiscord(ctx.desk, config, ctx.log);
  },
};
