// Who the bot is, asked once at start-up (auth.test). A wrong token, a wrong SLACK_API_URL or no
// network becomes one clear SlackStartError naming the variable — never echoing its value.

import { webApi } from '@slack/bolt';
import type { SlackConfig } from './config.js';
import { describeFailure, isOutage, SlackStartError } from './errors.js';

export interface BotIdentity {
  /** The bot's user id (U…): what mentions of it look like. */
  userId: string;
  /** The bot id (B…): what its own messages carry. */
  botId: string;
  team?: string;
  name?: string;
}

export async function whoAmI(config: SlackConfig, options: webApi.WebClientOptions): Promise<BotIdentity> {
  const client = new webApi.WebClient(config.botToken, options);
  let result: webApi.AuthTestResponse;
  try {
    result = await client.auth.test();
  } catch (err) {
    throw new SlackStartError(describeFailure(err, 'SLACK_BOT_TOKEN', config), { retryable: isOutage(err) });
  }
  if (!result.user_id || !result.bot_id) {
    throw new SlackStartError('SLACK_BOT_TOKEN is not a bot token: use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.');
  }
  return { userId: result.user_id, botId: result.bot_id, team: result.team, name: result.user };
}
