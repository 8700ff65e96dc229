// npm start: the documents, the store, every configured platform, the health check, the
// documents watcher and the terminal chat, in one process.

import { boot, startupFailure } from '../src/boot.js';
import { healthReport } from '../src/health.js';
import { newestChange, watchFolder } from '../src/watch.js';
import { startDigestScheduler } from '../src/digest/scheduler.js';
import { runChat } from './cli/chat.js';
import { serveHealth, type HealthServer } from './health-server.js';
import { routeTable } from './http/routes.js';
import { startPlatform, type PlatformSlot } from './platform-slot.js';
import { settingsOf } from './platform.js';
import { PLATFORMS } from './platforms.js';
import { whenParentExits } from './parent-watch.js';

/** Answers in flight get this long to finish on shutdown. */
const SHUTDOWN_GRACE_MS = 15_000;

const bootStarted = Date.now();
const { config, log, desk } = await boot({ platforms: PLATFORMS }).catch(startupFailure);
const slots: PlatformSlot[] = [];
let health: HealthServer | undefined;

const watcher = watchFolder(config.seedsDir, () => void desk.reload(), { log });
const report = () => healthReport({ desk, platforms: slots, nextDigest: digest?.nextRun(), documentsFolder: watcher.state(), now: new Date() });
const fatal = (err: Error) => void shutdown('start-up failed', err);
// Served with /healthz: on HEALTH_PORT, and on a platform's own port (Slack HTTP mode).
const routes = routeTable();

// Platform libraries load only when configured: the terminal chat starts in well under a second.
for (const platform of PLATFORMS) {
  const settings = settingsOf(platform, config.platforms);
  if (settings === undefined) continue;
  const platformLog = log.child({ platform: platform.name });
  const ctx = { desk, log: platformLog, routes, health: () => report().body };
  slots.push(startPlatform(platform.name, () => platform.start(ctx, settings), platformLog, fatal));
}
const digest = startDigestScheduler({
  desk,
  digest: config.digest,
  // Read at every post: platforms connect (and reconnect) after start-up.
  platforms: () => slots.flatMap((s) => (s.running ? [s.running] : [])),
  configured: slots.map((s) => s.name),
  log: log.child({ component: 'digest' }),
});
if (config.healthPort !== undefined) health = await serveHealth(config.healthPort, config.host, report, log, routes).catch(startupFailure);

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
  await desk.close();
  if (failure) startupFailure(failure);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// npm forwards SIGTERM (see package.json: `exec` makes the bot npm's own child), but a killed npm forwards nothing.
if (config.underNpm) whenParentExits(() => void shutdown('npm, which started the bot, has exited'));

const banner = PLATFORMS.map((p) => {
  const settings = settingsOf(p, config.platforms);
  return `${p.label}: ${settings === undefined ? `off (set ${p.turnOn})` : p.describe(settings)}`;
}).join(' · ');

// The chat runs on a terminal, or on piped input when no platform is configured.
if (process.stdin.isTTY || slots.length === 0) {
  await runChat(desk, { banner });
  await shutdown('chat closed');
} else {
  log.info('running', { platforms: slots.map((s) => s.name).join(', '), pid: process.pid });
}
