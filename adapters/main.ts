// npm start: the documents, the store, every configured platform, the health check, the
// documents watcher and the terminal chat, in one process.

import { boot, startupFailure } from '../src/boot.js';
import { healthReport } from '../src/health.js';
import { newestChange, watchFolder } from '../src/watch.js';
import { startDigestScheduler } from '../src/digest/scheduler.js';
import type { Platform } from '../src/types.js';
import { runChat } from './cli/chat.js';
import { serveHealth, type HealthServer } from './health-server.js';
import { startPlatform, type PlatformSlot } from './platform-slot.js';
import { whenParentExits } from './parent-watch.js';

/** Answers in flight get this long to finish on shutdown. */
const SHUTDOWN_GRACE_MS = 15_000;

const bootStarted = Date.now();
const { config, log, desk } = await boot().catch(startupFailure);
const slots: PlatformSlot[] = [];
let health: HealthServer | undefined;

const watcher = watchFolder(config.seedsDir, () => void desk.reload(), { log });
const report = () => healthReport({ desk, platforms: slots, nextDigest: digest?.nextRun(), documentsFolder: watcher.state(), now: new Date() });
const fatal = (err: Error) => void shutdown('start-up failed', err);

// Platform libraries load only when configured: the terminal chat starts in well under a second.
if (config.slack) {
  const slack = config.slack;
  const slackLog = log.child({ platform: 'slack' });
  slots.push(
    startPlatform(
      'slack',
      async () => (await import('./slack/index.js')).startSlack(desk, slack, slackLog, { health: () => report().body }),
      slackLog,
      fatal,
    ),
  );
}
if (config.discord) {
  const discord = config.discord;
  const discordLog = log.child({ platform: 'discord' });
  slots.push(startPlatform('discord', async () => (await import('./discord/index.js')).startDiscord(desk, discord, discordLog), discordLog, fatal));
}
const digest = startDigestScheduler({
  desk,
  digest: config.digest,
  // Read at every post: platforms connect (and reconnect) after start-up.
  platforms: () => slots.flatMap((s) => (s.running ? [s.running] : [])),
  configured: slots.map((s) => s.name as Platform),
  log: log.child({ component: 'digest' }),
});
if (config.healthPort !== undefined) health = await serveHealth(config.healthPort, config.host, report, log).catch(startupFailure);

// A file written while the documents were first being read is not in the index yet. File times
// are coarser than Date.now(), hence the margin; a needless reload finds the edition unchanged.
if (newestChange(config.seedsDir) >= bootStarted - 2_000) void desk.reload();

let stopping = false;
async function shutdown(reason: string, failure?: Error) {
  if (stopping) return;
  stopping = true;
  if (!failure) log.info('shutting down', { reason });
  digest.stop();
  watcher.close();
  const grace = setTimeout(() => {
    log.warn('answers still in flight after the grace period; exiting anyway', { seconds: SHUTDOWN_GRACE_MS / 1000 });
    process.exit(failure ? 1 : 0);
  }, SHUTDOWN_GRACE_MS);
  grace.unref();
  // Platforms stop taking events first and finish the answers they are writing.
  // The saved index is finished too (or the next start builds it again).
  await Promise.allSettled([digest.idle(), ...slots.map((s) => s.stop()), health?.close(), desk.idle()]);
  desk.close();
  if (failure) startupFailure(failure);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// npm forwards SIGTERM (see package.json: `exec` makes the bot npm's own child), but a killed npm forwards nothing.
if (config.underNpm) whenParentExits(() => void shutdown('npm, which started the bot, has exited'));

const banner = [
  `Slack: ${config.slack ? `on (${config.slack.appToken ? 'Socket Mode' : `HTTP on ${config.slack.host}:${config.slack.port}`})` : 'off (set SLACK_BOT_TOKEN)'}`,
  `Discord: ${config.discord ? 'on' : 'off (set DISCORD_TOKEN)'}`,
].join(' · ');

// The chat runs on a terminal, or on piped input when no platform is configured.
if (process.stdin.isTTY || slots.length === 0) {
  await runChat(desk, { banner });
  await shutdown('chat closed');
} else {
  log.info('running', { platforms: slots.map((s) => s.name).join(', '), pid: process.pid });
}
