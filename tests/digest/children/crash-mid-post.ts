// A bot process that starts posting today's digest and never hears back: the test kills it there
// (SIGKILL, as a crash or an OOM kill would), leaving the store's claim behind.
// Usage: node --import tsx crash-mid-post.ts <dataDir> <seedsDir>

import { openDesk } from '../../../src/desk.js';
import { silentLogger } from '../../../src/log.js';
import { startDigestScheduler } from '../../../src/digest/scheduler.js';
import { digestConfig, stubPlatform } from '../helpers.js';

const [dataDir, seedsDir] = process.argv.slice(2);
const desk = await openDesk({ seedsDir: seedsDir!, dataDir: dataDir! });
const platform = stubPlatform('slack');
platform.hang = true;
const post = platform.post.bind(platform);
platform.post = (channel, reply) => {
  process.stdout.write('posting\n');
  return post(channel, reply);
};
const scheduler = startDigestScheduler({ desk, digest: digestConfig({ timezone: 'UTC' }), platforms: [platform], log: silentLogger });
await scheduler.catchUp;
void scheduler.fire();
setInterval(() => {}, 1000); // stay alive until killed
