// npm run digest -- --dry-run   prints today's digest (plain text), posts nothing.
// npm run digest -- --post      posts it now to DIGEST_SLACK_CHANNEL / DIGEST_DISCORD_CHANNEL,
//                               at most once per channel per day, like the schedule, then exits.
// The entry point may import both adapters; they never import each other.

import { boot, startupFailure, type Booted } from '../src/boot.js';
import type { RunningPlatform } from '../src/types.js';
import { previewDigest } from '../src/digest/preview.js';
import { describeOutcome, postDigestNow } from '../src/digest/post-now.js';
import { renderText } from './cli/render.js';

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
  const { config, desk } = await boot({ defaultLogLevel: 'error' }).catch(startupFailure);
  const reply = await previewDigest({ library: desk.library(), store: desk.store, timeZone: config.digest.timezone, at: new Date() });
  process.stdout.write(renderText(reply) + '\n');
  await desk.close();
}

async function post(): Promise<void> {
  const booted = await boot().catch(startupFailure);
  const { config, desk } = booted;
  const problem = channelProblem(booted);
  if (problem) return fail(booted, [], problem);

  const platforms: RunningPlatform[] = [];
  try {
    if (config.digest.slackChannel && config.slack) {
      const { startSlack } = await import('./slack/index.js');
      // In HTTP mode the running bot already holds PORT; this short-lived one listens on a spare local port.
      const slack = config.slack.appToken ? config.slack : { ...config.slack, host: '127.0.0.1', port: 0 };
      platforms.push(await startSlack(desk, slack, booted.log));
    }
    if (config.digest.discordChannel && config.discord) {
      const { startDiscord } = await import('./discord/index.js');
      platforms.push(await startDiscord(desk, config.discord, booted.log));
    }
  } catch (err) {
    return fail(booted, platforms, `Could not connect to post the digest: ${(err as Error).message}`);
  }

  const outcomes = await postDigestNow({ desk, digest: config.digest, platforms, log: booted.log });
  for (const o of outcomes) process.stdout.write(describeOutcome(o) + '\n');
  const ok = outcomes.every((o) => o.result === 'posted' || o.result === 'already-posted');
  if (!ok) return fail(booted, platforms, 'The digest was not posted to every channel (see above).');
  await close(booted, platforms);
  process.exit(0);
}

function channelProblem({ config }: Booted): string | undefined {
  const { digest } = config;
  if (!digest.slackChannel && !digest.discordChannel) return 'No digest channel is set: set DIGEST_SLACK_CHANNEL and/or DIGEST_DISCORD_CHANNEL.';
  if (digest.slackChannel && !config.slack) return 'DIGEST_SLACK_CHANNEL is set but Slack is off: set SLACK_BOT_TOKEN (see .env.example).';
  if (digest.discordChannel && !config.discord) return 'DIGEST_DISCORD_CHANNEL is set but Discord is off: set DISCORD_TOKEN (see .env.example).';
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
