// The environment that points a Policy Desk child process (the npm start entry point) at the fake
// Slack (Socket Mode) and fake Discord, with its health check on a spare port and JSON logs to read.

import { APP_TOKEN, BOT_TOKEN, type FakeSlack } from './slack.js';
import { IDS, TOKEN as DISCORD_TOKEN } from './discord-payloads.js';
import type { FakeDiscord } from './discord.js';

export function fakePlatformsEnv(slack: FakeSlack, discord: FakeDiscord): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    DISCORD_TOKEN,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_GUILD_ID: IDS.guild,
    HEALTH_PORT: '0',
    HOST: '127.0.0.1',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'debug',
  };
}
