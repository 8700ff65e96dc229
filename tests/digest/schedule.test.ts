// When the digest posts: at DIGEST_CRON in DIGEST_TIMEZONE, through daylight-saving changes,
// once a day per channel however often the cron fires.

import { afterEach, describe, expect, it } from 'vitest';
import { Cron } from 'croner';
import type { Desk } from '../../src/desk.js';
import { startDigestScheduler, type DigestScheduler } from '../../src/digest/scheduler.js';
import { captureLog, clock, deskAt, digestConfig, startWithStub, stubPlatform } from './helpers.js';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

async function open(at: string): Promise<{ desk: Desk; c: ReturnType<typeof clock> }> {
  const c = clock(at);
  const desk = await deskAt(':memory:', c);
  cleanup.push(() => desk.close());
  return { desk, c };
}

function track(s: DigestScheduler): DigestScheduler {
  cleanup.push(() => s.stop());
  return s;
}

describe('the schedule in the team’s time zone', () => {
  it('posts at 09:00 Berlin time on weekdays: 08:00 UTC before the clocks go forward, 07:00 UTC after', async () => {
    const { desk, c } = await open('2026-03-26T12:00:00Z'); // Thursday, after that day's run
    const { scheduler, platform } = await startWithStub(desk, c);
    track(scheduler);
    expect(platform.posts).toHaveLength(1); // Thursday's, made up at start-up

    // Friday 27 March, still winter time (CET, UTC+1).
    expect(scheduler.nextRun()?.toISOString()).toBe('2026-03-27T08:00:00.000Z');
    c.set('2026-03-27T08:00:00Z');
    await scheduler.fire();
    expect(platform.posts[1]?.reply.title).toBe('Policy Desk digest · Friday 27 March 2026');

    // The weekend is skipped, and on Sunday 29 March Berlin moves to summer time (CEST, UTC+2).
    expect(scheduler.nextRun()?.toISOString()).toBe('2026-03-30T07:00:00.000Z');
    c.set('2026-03-30T07:00:00Z');
    await scheduler.fire();
    expect(platform.posts[2]?.reply.title).toBe('Policy Desk digest · Monday 30 March 2026');
    expect(platform.posts).toHaveLength(3);
  });

  it('in New York, 09:00 is 14:00 UTC before the spring change and 13:00 UTC after it', async () => {
    const { desk, c } = await open('2026-03-05T20:00:00Z');
    const { scheduler } = await startWithStub(desk, c, { digest: { timezone: 'America/New_York' } });
    track(scheduler);
    expect(scheduler.nextRun()?.toISOString()).toBe('2026-03-06T14:00:00.000Z');
    c.set('2026-03-06T14:00:00Z');
    expect(scheduler.nextRun()?.toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('a start-up before the scheduled time posts nothing: the digest waits for 09:00', async () => {
    const { desk, c } = await open('2026-03-30T06:30:00Z'); // Monday 08:30 in Berlin
    const { scheduler, platform } = await startWithStub(desk, c);
    track(scheduler);
    expect(platform.attempts).toBe(0);
    expect(scheduler.nextRun()?.toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('a 02:30 job runs at 03:00 on the night 02:30 does not exist, and once on the night it happens twice', async () => {
    // What croner computes (platform-facts.md: its README and its tests disagree; this is what 11.x does).
    const job = new Cron('30 2 * * *', { timezone: 'Europe/Berlin' });
    expect(job.nextRuns(2, new Date('2026-03-28T12:00:00Z')).map((d) => d.toISOString())).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
    expect(job.nextRuns(2, new Date('2026-10-24T12:00:00Z')).map((d) => d.toISOString())).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);

    // Whatever croner does on the repeated hour, the store lets one digest through that day.
    const { desk, c } = await open('2026-10-24T23:00:00Z'); // 01:00 CEST, 25 October
    const { scheduler, platform } = await startWithStub(desk, c, { digest: { cron: '30 2 * * *' } });
    track(scheduler);
    for (const at of ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z']) {
      c.set(at); // 02:30 CEST, then 02:30 CET
      await scheduler.fire();
    }
    expect(platform.posts.map((p) => p.reply.title)).toEqual(['Policy Desk digest · Sunday 25 October 2026']);
  });

  it('a cron that fires every second posts once per day per channel', async () => {
    // Real croner timer; the clock starts 1.5 s before midnight in Berlin and runs at real speed.
    const base = new Date('2026-03-30T21:59:58.500Z').getTime(); // 23:59:58.5 CEST
    let started = Date.now();
    const now = () => new Date(base + (Date.now() - started));
    const desk = await deskAt(':memory:', { now, set: () => {} });
    cleanup.push(() => desk.close());
    started = Date.now();
    const slack = stubPlatform('slack');
    const discord = stubPlatform('discord');
    const { log, lines } = captureLog();
    const scheduler = track(
      startDigestScheduler({ desk, digest: digestConfig({ cron: '* * * * * *', discordChannel: '1234567890' }), platforms: [slack, discord], log, now }),
    );
    const skipped = (date: string) => lines.filter((l) => l.msg === 'digest not posted: already-posted' && l.date === date).length;
    // Posted at start-up, then at least one more firing each day for both channels.
    await waitFor(() => slack.posts.length >= 2 && discord.posts.length >= 2 && skipped('2026-03-30') >= 2 && skipped('2026-03-31') >= 2, 10_000);
    scheduler.stop();
    await scheduler.idle();

    for (const p of [slack, discord]) {
      expect(p.posts.map((x) => x.reply.title)).toEqual(['Policy Desk digest · Monday 30 March 2026', 'Policy Desk digest · Tuesday 31 March 2026']);
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for the digest scheduler');
    await new Promise((r) => setTimeout(r, 20));
  }
}
