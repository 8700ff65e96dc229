// The digest through the real adapters: Bolt against a fake Slack, discord.js against a fake
// Discord, the scheduler, the "digest" command and `npm run digest`.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/desk.js';
import { startDigestScheduler } from '../../src/digest/scheduler.js';
import { startHarness as startSlackHarness, allText, type Harness as SlackHarness } from '../slack/harness.js';
import { startHarness as startDiscordHarness, type Harness as DiscordHarness } from '../discord/harness.js';
import { startFakeSlack, BOT_TOKEN } from '../fakes/slack.js';
import { startFakeDiscord } from '../fakes/discord.js';
import { IDS, TOKEN } from '../fakes/discord-payloads.js';
import { SIGNING_SECRET } from '../fakes/slack-http.js';
import { captureLog, clock, deskAt, digestConfig, SLACK_CHANNEL, tempDir } from './helpers.js';
import { ILO_DIR } from '../fixtures/paths.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the scheduled digest in Slack and Discord', () => {
  let desk: Desk;
  let slack: SlackHarness;
  let discord: DiscordHarness;
  const c = clock('2026-04-06T07:00:00Z'); // Monday 09:00 in Berlin

  beforeAll(async () => {
    desk = await deskAt(tempDir(), c);
    [slack, discord] = await Promise.all([startSlackHarness('socket', { desk }), startDiscordHarness()]);
  });
  afterAll(async () => {
    await Promise.allSettled([slack?.close(), discord?.close()]);
    desk?.close();
  });

  it('arrives once in each channel, rendered by each platform, however often it fires', async () => {
    await desk.handle({ type: 'message', text: 'What is on the canteen menu on Fridays?', platform: 'slack', user: 'U0ALICE01', audience: 'public' });
    const { log } = captureLog();
    const scheduler = startDigestScheduler({
      desk,
      digest: digestConfig({ discordChannel: IDS.channel }),
      platforms: [slack.slack, discord.discord],
      log,
      now: c.now,
    });
    try {
      await scheduler.catchUp;
      const outcomes = await scheduler.fire();
      expect(outcomes.map((o) => `${o.platform}:${o.result}`)).toEqual(['slack:posted', 'discord:posted']);
      c.set('2026-04-06T07:30:00Z');
      await scheduler.fire();
    } finally {
      scheduler.stop();
    }

    const slackPosts = slack.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === SLACK_CHANNEL);
    expect(slackPosts).toHaveLength(1);
    expect(slackPosts[0]!.result.ok).toBe(true);
    const slackText = allText(slackPosts[0]!.args);
    expect(slackPosts[0]!.args.text).toMatch(/^Policy Desk digest · Monday 6 April 2026\n/);
    expect(slackText).toContain('Focus of the day: ');
    expect(slackText).toContain('canteen menu');
    expect(slackText).not.toContain('U0ALICE01');
    expect(slack.fake.rejected).toEqual([]);

    const discordPosts = discord.fake.postsTo(IDS.channel).filter((call) => call.body?.embeds?.[0]?.title?.startsWith('Policy Desk digest'));
    expect(discordPosts).toHaveLength(1);
    expect(discordPosts[0]!.status).toBe(200);
    expect(discordPosts[0]!.body.embeds[0].title).toBe('Policy Desk digest · Monday 6 April 2026');
    expect(discordPosts[0]!.body.embeds[0].description).toContain('Focus of the day: ');
    expect(discordPosts[0]!.body.allowed_mentions).toMatchObject({ parse: [] });
    expect(discord.fake.rejected).toEqual([]);
  });

  it('"digest" shows today’s digest to whoever asks, in their conversation, without posting it to the digest channel', async () => {
    const before = slack.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === SLACK_CHANNEL).length;
    const message = discord.say({ content: `<@${IDS.bot}> digest` });
    const reply = await discord.replyTo(message);
    expect(reply.body.embeds[0].title).toMatch(/^Policy Desk digest · /);
    expect(reply.body.embeds[0].description).toContain('Focus of the day: ');
    expect(slack.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === SLACK_CHANNEL)).toHaveLength(before);
  });
});

describe('npm run digest', () => {
  // Each run is a fresh process (about two seconds): runs that do not depend on each other go in parallel.
  it('--post posts to the configured channels, once a day, and exits 0; --dry-run prints; a bad setting exits 1 naming it', async () => {
    const [fakeSlack, fakeDiscord] = await Promise.all([startFakeSlack(), startFakeDiscord()]);
    try {
      const env = {
        DATA_DIR: tempDir(),
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fakeSlack.apiUrl,
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: fakeDiscord.apiUrl,
        DISCORD_GUILD_ID: IDS.guild,
        DIGEST_SLACK_CHANNEL: SLACK_CHANNEL,
        DIGEST_DISCORD_CHANNEL: IDS.channel,
      };
      const [first, dry, invalid, noChannel] = await Promise.all([
        runDigest(['--post'], env),
        runDigest(['--dry-run'], { DATA_DIR: tempDir() }),
        runDigest(['--post'], { DATA_DIR: tempDir(), DIGEST_CRON: '0 9 * *', DIGEST_SLACK_CHANNEL: SLACK_CHANNEL }),
        runDigest(['--post'], { DATA_DIR: tempDir() }),
      ]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/Slack channel C0DIGEST: digest for \d{4}-\d\d-\d\d posted\./);
      expect(first.stdout).toMatch(/Discord channel \d+: digest for .* posted\./);
      expect(first.stdout + first.stderr).not.toContain(BOT_TOKEN);
      expect(invalid.code).toBe(1);
      expect(invalid.stderr).toMatch(/DIGEST_CRON is not a valid cron expression/);
      expect(noChannel.code).toBe(1);
      expect(noChannel.stderr).toContain('No digest channel is set: set DIGEST_SLACK_CHANNEL and/or DIGEST_DISCORD_CHANNEL.');

      const second = await runDigest(['--post'], env);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toMatch(/Slack channel C0DIGEST: the digest for .* was already posted; not posting it twice\./);
      expect(fakeSlack.callsTo('chat.postMessage').filter((call) => call.args.channel === SLACK_CHANNEL)).toHaveLength(1);
      expect(fakeDiscord.postsTo(IDS.channel)).toHaveLength(1);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toMatch(/^Policy Desk digest · /);
      expect(dry.stdout).toContain('Focus of the day: ');
    } finally {
      await Promise.all([fakeSlack.close(), fakeDiscord.close()]);
    }
  });
});

/** Runs adapters/digest.ts as `npm run digest` would, from a folder with no .env, with only these variables. */
function runDigest(args: string[], vars: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SEEDS_DIR: ILO_DIR, LOG_LEVEL: 'warn', ...vars };
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'adapters/digest.ts'), ...args], { cwd: tempDir(), env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
