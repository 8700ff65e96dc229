// Slack as a platform module: Bolt in Socket Mode, or over HTTP (which also serves /healthz and
// the shared routes on PORT). Bolt loads only when Slack is configured.

import type { PlatformModule } from '../platform.js';
import { readSlackConfig, SLACK_VARIABLES, type SlackConfig } from './config.js';
import { redactResponseUrls } from './log-redaction.js';

export const slack: PlatformModule<SlackConfig> = {
  name: 'slack',
  label: 'Slack',
  turnOn: 'SLACK_BOT_TOKEN',
  variables: SLACK_VARIABLES,
  digestChannel: 'DIGEST_SLACK_CHANNEL',
  read: readSlackConfig,
  servesRoutes: (config) => !config.appToken,
  routesHint: 'run Slack in HTTP mode, which serves it on PORT',
  logRedactions: [redactResponseUrls],
  describe: (config) => `on (${config.appToken ? 'Socket Mode' : `HTTP on ${config.host}:${config.port}`})`,
  async start(ctx, config) {
    const { startSlack } = await import('./index.js');
    // In HTTP mode the running bot already holds PORT; a post-only one listens on a spare local port.
    if (ctx.postOnly) return startSlack(ctx.desk, config.appToken ? config : { ...config, host: '127.0.0.1', port: 0 }, ctx.log);
    return startSlack(ctx.desk, config, ctx.log, { health: ctx.health, routes: ctx.routes });
  },
};
