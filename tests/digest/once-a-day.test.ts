// At most one digest per channel per day: across restarts, after a missed run, after failures.
// Each "restart" is a new desk and scheduler on the same store file, as after a crash or deploy.

import { afterEach, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/desk.js';
import type { DigestScheduler } from '../../src/digest/scheduler.js';
import { startDigestScheduler } from '../../src/digest/scheduler.js';
import type { RunningPlatform } from '../../src/types.js';
import { captureLog, clock, deskAt, digestConfig, seedsWith, startWithStub, stubPlatform, tempDir, type Clock, type Running } from './helpers.js';
import { deliveryError } from '../../adapters/kit/delivery.js';

const open: { desk: Desk; scheduler?: DigestScheduler }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.scheduler?.stop();
    o.desk.close();
  }
});

/** Starts the bot (desk + scheduler) on the store in dataDir, as the process would at boot. */
async function boot(dataDir: string, c: Clock, options: Parameters<typeof startWithStub>[2] = {}): Promise<Running & { desk: Desk }> {
  const desk = await deskAt(dataDir, c);
  const entry: (typeof open)[number] = { desk };
  open.push(entry);
  const running = await startWithStub(desk, c, options);
  entry.scheduler = running.scheduler;
  return { ...running, desk };
}

function stopBot(running: Running & { desk: Desk }): void {
  running.scheduler.stop();
  running.desk.close();
}

// Monday 30 March 2026, Europe/Berlin (UTC+2): the digest is due at 09:00 = 07:00 UTC.
const MONDAY_0900 = '2026-03-30T07:00:00Z';

describe('restarts', () => {
  it('a restart after posting does not post again that day', async () => {
    const dataDir = tempDir();
    const c = clock('2026-03-30T06:00:00Z');
    const first = await boot(dataDir, c);
    c.set(MONDAY_0900);
    await first.scheduler.fire();
    expect(first.platform.posts).toHaveLength(1);
    stopBot(first);

    c.set('2026-03-30T09:30:00Z');
    const second = await boot(dataDir, c);
    await second.scheduler.fire();
    expect(second.platform.attempts).toBe(0);
  });

  it('a restart after a missed run posts once, that day only', async () => {
    const dataDir = tempDir();
    const c = clock('2026-03-30T09:00:00Z'); // 11:00: the process was down at 09:00
    const first = await boot(dataDir, c);
    expect(first.platform.posts.map((p) => p.reply.title)).toEqual(['Policy Desk digest · Monday 30 March 2026']);
    expect(first.lines.some((l) => l.msg.startsWith("today's digest was due earlier"))).toBe(true);
    stopBot(first);

    c.set('2026-03-30T10:00:00Z'); // and once more at noon
    const second = await boot(dataDir, c);
    expect(second.platform.attempts).toBe(0);
    stopBot(second);

    // Down from Monday evening to Wednesday 08:00: Tuesday's digest is not posted late.
    c.set('2026-04-01T06:00:00Z');
    const third = await boot(dataDir, c);
    expect(third.platform.attempts).toBe(0);
    c.set('2026-04-01T07:00:00Z');
    await third.scheduler.fire();
    expect(third.platform.posts.map((p) => p.reply.title)).toEqual(['Policy Desk digest · Wednesday 1 April 2026']);
  });

  it('a post interrupted by a crash is not posted again, even after the wait for it is over', async () => {
    const dataDir = tempDir();
    const c = clock(MONDAY_0900);
    const hanging = stubPlatform();
    hanging.hang = true; // the request goes out, then the process dies before the answer
    const first = await boot(dataDir, c, { platform: hanging });
    void first.scheduler.fire();
    await until(() => hanging.attempts === 1);
    stopBot(first);

    c.set('2026-03-30T07:02:00Z'); // restarted two minutes later: the run that claimed the post is gone
    const second = await boot(dataDir, c);
    expect(second.platform.attempts).toBe(0);
    expect(second.lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([expect.stringMatching(/interrupted .* not posted again today/)]);
    expect(second.lines.some((l) => l.msg.includes('being posted by another run'))).toBe(false);
    stopBot(second);

    c.set('2026-03-30T08:00:00Z'); // an hour later: the outcome is unknown, and stays a non-post, quietly
    const third = await boot(dataDir, c);
    await third.scheduler.fire();
    expect(third.platform.attempts).toBe(0);
    expect(third.lines.filter((l) => l.level === 'warn' || l.level === 'info').map((l) => l.msg)).not.toContainEqual(expect.stringMatching(/interrupted|another run/));

    c.set('2026-03-31T07:00:00Z'); // the next day is a new day
    await third.scheduler.fire();
    expect(third.platform.posts).toHaveLength(1);
  });
});

describe('platforms that are not connected yet', () => {
  it('a platform that connects after the scheduled time gets the digest when it does, that day only', async () => {
    const c = clock('2026-03-30T07:00:05Z');
    const desk = await deskAt(':memory:', c);
    const connected: RunningPlatform[] = [];
    const { log, lines } = captureLog();
    const scheduler = startDigestScheduler({ desk, digest: digestConfig({ discordChannel: '1234567890' }), platforms: () => connected, log, now: c.now, policy: { platformWaitMs: 5 } });
    open.push({ desk, scheduler });
    expect((await scheduler.catchUp).map((o) => `${o.platform}:${o.result}`)).toEqual(['slack:not-connected', 'discord:not-connected']);
    expect(lines.filter((l) => l.msg.includes('waits for')).map((l) => l.msg)).toEqual(["today's digest waits for slack to connect", "today's digest waits for discord to connect"]);

    const slack = stubPlatform('slack');
    connected.push(slack); // Slack connects at last; Discord stays down until after midnight
    await until(() => slack.posts.length === 1);
    c.set('2026-03-30T22:00:05Z'); // 00:00:05 on Tuesday
    await until(() => lines.some((l) => l.msg === 'discord did not connect in time: no digest to it for 2026-03-30'));
    const discord = stubPlatform('discord');
    connected.push(discord);
    await new Promise((r) => setTimeout(r, 30));
    expect(discord.attempts).toBe(0);
    expect(slack.posts).toHaveLength(1);
  });

  it('a digest channel for a platform that is not configured is reported once and ignored', async () => {
    const c = clock('2026-03-30T07:00:05Z');
    const desk = await deskAt(':memory:', c);
    const slack = stubPlatform('slack');
    const { log, lines } = captureLog();
    const scheduler = startDigestScheduler({ desk, digest: digestConfig({ discordChannel: '1234567890' }), platforms: () => [slack], configured: ['slack'], log, now: c.now });
    open.push({ desk, scheduler });
    expect((await scheduler.catchUp).map((o) => `${o.platform}:${o.result}`)).toEqual(['slack:posted']);
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual(['DIGEST_DISCORD_CHANNEL is set but discord is not configured: no digest to discord']);
  });
});

describe('failures', () => {
  const quick = { retryDelaysMs: [5, 5] };

  it('a refused post is retried a bounded number of times, then given up for the day', async () => {
    const c = clock(MONDAY_0900);
    const platform = stubPlatform();
    platform.failures = Array.from({ length: 10 }, () => new Error('Slack would not post to channel C0DIGEST (channel_not_found)'));
    const running = await boot(':memory:', c, { platform, policy: quick });
    await running.scheduler.fire();
    await running.scheduler.idle();
    expect(platform.attempts).toBe(3);
    expect(platform.posts).toHaveLength(0);
    const errors = running.lines.filter((l) => l.level === 'error');
    expect(errors.map((l) => l.msg)).toEqual(['digest could not be posted after 3 attempts; giving up for today']);
    expect(JSON.stringify(errors[0])).toContain('channel_not_found');

    c.set('2026-03-30T07:00:30Z'); // the cron fires again (a fast cron, or a restart)
    await running.scheduler.fire();
    await running.scheduler.idle();
    expect(platform.attempts).toBe(3);
  });

  it('a post refused twice and then accepted arrives exactly once', async () => {
    const c = clock(MONDAY_0900);
    const platform = stubPlatform();
    platform.failures = [new Error('fake_server_error'), new Error('fake_server_error')];
    const running = await boot(':memory:', c, { platform, policy: quick });
    await running.scheduler.fire();
    await running.scheduler.idle();
    await running.scheduler.fire(); // and the cron fires again later
    expect(platform.attempts).toBe(3);
    expect(platform.posts).toHaveLength(1);
    expect(running.lines.filter((l) => l.msg === 'digest post failed; it will be retried')).toHaveLength(2);
  });

  it('a post that timed out may have arrived: it is logged and never repeated that day', async () => {
    const c = clock(MONDAY_0900);
    const platform = stubPlatform();
    // What an adapter throws for a post that timed out (tests/kit/delivery.test.ts: how it judges one).
    platform.failures = [deliveryError(Object.assign(new Error('A request error occurred: timeout of 15000ms exceeded'), { code: 'slack_webapi_request_error', original: { code: 'ECONNABORTED' } }), 'timed out')];
    const running = await boot(':memory:', c, { platform, policy: quick });
    await running.scheduler.fire();
    await running.scheduler.idle();
    expect(platform.attempts).toBe(1);
    expect(running.lines.find((l) => l.level === 'error')?.msg).toMatch(/may have arrived, so it is not retried today/);
  });

  it('a restart during the wait before a retry does not retry early', async () => {
    const dataDir = tempDir();
    const c = clock('2026-03-30T07:00:10Z'); // started just after 09:00: the start-up catch-up posts
    const failing = stubPlatform();
    failing.failures = [new Error('fake_server_error')];
    const first = await boot(dataDir, c, { platform: failing, policy: { retryDelaysMs: [5 * 60_000] } });
    expect(failing.attempts).toBe(1);
    stopBot(first);

    c.set('2026-03-30T07:01:00Z');
    const second = await boot(dataDir, c, { policy: { retryDelaysMs: [5 * 60_000] } });
    expect((await second.scheduler.catchUp).map((o) => o.result)).toEqual(['waiting']);
    expect(second.platform.attempts).toBe(0);
    c.set('2026-03-30T07:06:00Z');
    await second.scheduler.fire();
    expect(second.platform.posts).toHaveLength(1);
  });
});

describe('retries after a restart', () => {
  it('a retry pending when the bot stopped is made after the restart, once', async () => {
    const dataDir = tempDir();
    const c = clock('2026-03-30T07:00:10Z');
    const failing = stubPlatform();
    failing.failures = [new Error('fake_server_error')];
    const first = await boot(dataDir, c, { platform: failing, policy: { retryDelaysMs: [50] } });
    stopBot(first); // before the retry is due

    const second = await boot(dataDir, c, { policy: { retryDelaysMs: [50] } });
    await second.scheduler.fire(); // a fast cron finding it waiting arms no second retry
    await second.scheduler.idle();
    expect(second.platform.posts).toHaveLength(1);
    expect(second.platform.attempts).toBe(1);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error('condition never held');
}

describe('a bot killed while posting', () => {
  it('is noticed at once by the next process: one warning that the post was interrupted and is not repeated today, then quiet', async () => {
    const { spawn } = await import('node:child_process');
    const dataDir = tempDir();
    const SEEDS = seedsWith({ 'note.md': '# Fees\n\n## Recruitment\n\nRecruitment agencies should not charge workers fees.\n' });
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/digest/children/crash-mid-post.ts', dataDir, SEEDS], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('posting') && resolve());
        child.on('exit', (code) => reject(new Error(`the child exited (${code}) before posting`)));
      });
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((resolve) => child.once('exit', resolve));

    const c = clock(new Date().toISOString());
    const desk = await deskAt(dataDir, c, SEEDS);
    const { scheduler, platform, lines } = await startWithStub(desk, c, { digest: { timezone: 'UTC' } });
    open.push({ desk, scheduler });
    for (let i = 0; i < 3; i++) await scheduler.fire(); // the cron keeps firing
    expect(platform.attempts).toBe(0);
    expect(lines.filter((l) => l.level !== 'debug').map((l) => l.msg).filter((m) => /interrupted|another run/.test(m))).toEqual([
      'an earlier digest post was interrupted (the process stopped while posting); it may have arrived, so it is not posted again today',
    ]);
  });
});

describe('two runs at once', () => {
  it('a run that is still posting is left to finish: the other one does not post, and says why', async () => {
    const dataDir = tempDir();
    const c = clock(MONDAY_0900);
    const hanging = stubPlatform();
    hanging.hang = true;
    const first = await boot(dataDir, c, { platform: hanging });
    void first.scheduler.fire();
    await until(() => hanging.attempts === 1);
    const second = await boot(dataDir, c); // a second replica on the same store, while the first is alive
    await second.scheduler.fire();
    expect(second.platform.attempts).toBe(0);
    expect(second.lines.some((l) => l.msg === 'digest is being posted by another run; not posting it twice')).toBe(true);
    expect(second.lines.some((l) => l.level === 'warn')).toBe(false);
  });
});
