// Slack's variables: read and checked here, composed into the one reader in src/config.ts.

import type { VariableReader } from '../../src/config.js';

export interface SlackConfig {
  botToken: string;
  /** Set: Socket Mode. Unset: HTTP mode, which needs signingSecret. */
  appToken?: string;
  signingSecret?: string;
  /** Web API base ending in "/api/"; tests point it at a fake Slack. */
  apiUrl?: string;
  host: string;
  port: number;
}

export const SLACK_VARIABLES = {
  SLACK_BOT_TOKEN: 'Bot token (xoxb-…): turns Slack on.',
  SLACK_APP_TOKEN: 'App-level token (xapp-…) with connections:write: Socket Mode. Unset means HTTP mode.',
  SLACK_SIGNING_SECRET: 'Signing secret: required in HTTP mode.',
  SLACK_API_URL: 'Slack Web API base, ending in /api/ (default Slack’s own; tests use a local fake).',
  PORT: 'Port for Slack HTTP mode (default 3000); it serves GET /healthz (and the API) too.',
  DIGEST_SLACK_CHANNEL: 'Slack channel id for the digest; unset posts none to Slack.',
};

export function readSlackConfig(vars: VariableReader): SlackConfig | undefined {
  const slackBot = vars.secret('SLACK_BOT_TOKEN');
  const slackApp = vars.secret('SLACK_APP_TOKEN');
  const slackSecret = vars.secret('SLACK_SIGNING_SECRET');
  if (slackBot) {
    if (!slackBot.startsWith('xoxb-')) vars.problem('SLACK_BOT_TOKEN must be a bot token starting with xoxb-.');
    if (slackApp && !slackApp.startsWith('xapp-')) vars.problem('SLACK_APP_TOKEN must be an app-level token starting with xapp-.');
    if (!slackApp && !slackSecret) vars.problem('SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).');
    return {
      botToken: slackBot,
      appToken: slackApp,
      signingSecret: slackSecret,
      apiUrl: vars.url('SLACK_API_URL', '/api/', 'https://slack.com/api/'),
      host: vars.get('HOST') ?? '0.0.0.0',
      port: vars.port('PORT', 3000)!,
    };
  }
  if (slackApp || slackSecret) vars.problem('SLACK_BOT_TOKEN is missing: Slack needs it alongside SLACK_APP_TOKEN or SLACK_SIGNING_SECRET.');
  return undefined;
}
