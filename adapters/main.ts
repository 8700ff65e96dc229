// npm start: the documents, the store, every configured platform, and the terminal chat.

import { boot, startupFailure } from '../src/boot.js';
import type { RunningPlatform } from '../src/types.js';
import { runChat } from './cli/chat.js';

const { config, log, desk } = await boot().catch(startupFailure);
const platforms: RunningPlatform[] = [];

// Platform libraries load only when configured: the terminal chat starts in well under a second.
try {
  if (config.slack) {
    const { startSlack } = await import('./slack/index.js');
    platforms.push(await startSlack(desk, config.slack, log.child({ platform: 'slack' })));
  }
  if (config.discord) {
    const { startDiscord } = await import('./discord/index.js');
    platforms.push(await startDiscord(desk, config.discord, log.child({ platform: 'discord' })));
  }
} catch (err) {
  await Promise.allSettled(platforms.map((p) => p.stop()));
  desk.close();
  startupFailure(err);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  await Promise.allSettled(platforms.map((p) => p.stop()));
  desk.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

const banner = [
  `Slack: ${config.slack ? `on (${config.slack.appToken ? 'Socket Mode' : `HTTP on ${config.slack.host}:${config.slack.port}`})` : 'off (set SLACK_BOT_TOKEN)'}`,
  `Discord: ${config.discord ? 'on' : 'off (set DISCORD_TOKEN)'}`,
].join(' · ');

if (process.stdin.isTTY || platforms.length === 0) {
  await runChat(desk, { banner });
  await shutdown('chat closed');
} else {
  log.info('running', { platforms: platforms.map((p) => p.platform).join(', ') });
}
