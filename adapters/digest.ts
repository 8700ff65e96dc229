// npm run digest -- --dry-run   prints today's digest (plain text), posts nothing.
// npm run digest -- --post      posts it now to each platform's digest channel (DIGEST_…_CHANNEL),
//                               at most once per channel per day, like the schedule, then exits.
// The entry point loops over the platform registry; platforms never import each other.

import { boot, startupFailure, type Booted } from '../src/boot.js';
import type { RunningPlatform } from '../src/types.js';
import { describeOutcome, digestPreviewNow, postDigestNow } from '../src/digest/post-now.js';
import { channelHint } from '../src/digest/targets.js';
import { renderText } from './cli/render.js';
import { routeTable } from './http/routes.js';
import { settingsOf } from './platform.js';
import { PLATFORMS } from './platforms.js';

const USAGE = 'Usage: npm run digest -- --dry-run   (print today\'s digest)\n   or: npm run digest -- --post      (post it now to the configured channels)\n';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--dry-run' && a !== '--post');
if (unknown.length || (args.includes('--dry-run') && args.includes('--post'))) {
  process.stderr.write(USAGE);
  process.exit(2);
}

if (args.includes('--post')) await post();
else await dryRun();

async function dryRun(): Promise<void> {
  const { config, desk } = await boot({ defaultLogLevel: 'error', platforms: PLATFORMS }).catch(startupFailure);
  const reply = await digestPreviewNow(desk, config.digest);
  process.stdout.write(renderText(reply) + '\n');
  await desk.close();
}

async function post(): Promise<void> {
  const booted = await boot({ platforms: PLATFORMS }).catch(startupFailure);
  const { config, desk } = booted;
  const problem = channelProblem(booted);
  if (problem) return fail(booted, [], problem);

  const platforms: RunningPlatform[] = [];
  try {
    for (const platform of PLATFORMS) {
      const settings = settingsOf(platform, config.platforms);
      if (settings === undefined || !config.digest.channels?.some((c) => c.platform === platform.name)) continue;
      const ctx = { desk, log: booted.log, routes: routeTable(), health: () => ({ ok: true }), postOnly: true };
      platforms.push(await platform.start(ctx, settings));
    }
  } catch (err) {
    return fail(booted, platforms, `Could not connect to post the digest: ${(err as Error).message}`);
  }

  const outcomes = await postDigestNow({ desk, digest: config.digest, platforms, log: booted.log });
  for (const o of outcomes) process.stdout.write(describeOutcome(o, PLATFORMS.find((p) => p.name === o.platform)?.label) + '\n');
  const ok = outcomes.every((o) => o.result === 'posted' || o.result === 'already-posted');
  if (!ok) return fail(booted, platforms, 'The digest was not posted to every channel (see above).');
  await close(booted, platforms);
  process.exit(0);
}

function channelProblem({ config }: Booted): string | undefined {
  const { digest } = config;
  if (!digest.channels?.length) return `No digest channel is set: ${channelHint(digest)}.`;
  for (const c of digest.channels) {
    const platform = PLATFORMS.find((p) => p.name === c.platform)!;
    if (settingsOf(platform, config.platforms) === undefined) return `${c.variable} is set but ${platform.label} is off: set ${platform.turnOn} (see .env.example).`;
  }
  return undefined;
}

async function fail(booted: Booted, platforms: RunningPlatform[], message: string): Promise<never> {
  process.stderr.write(`${message}\n`);
  await close(booted, platforms);
  process.exit(1);
}

async function close({ desk }: Booted, platforms: RunningPlatform[]): Promise<void> {
  await Promise.allSettled(platforms.map((p) => p.stop()));
  await desk.close();
}
