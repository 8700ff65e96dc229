// The daily digest on a schedule: croner fires at DIGEST_CRON in DIGEST_TIMEZONE, and each firing
// posts today's digest to every channel that has not had it (the store decides, see post.ts).
// At start-up, a run that fell earlier today while the process was down is made up once;
// yesterday's is not (croner itself never catches up). Failed posts are retried a few times with
// a growing wait, on the same day only. A platform still connecting (or reconnecting after an
// outage) gets its digest when it is back, the same day only.

import { Cron } from 'croner';
import type { DigestConfig } from '../config.js';
import type { Desk } from '../desk.js';
import type { Logger } from '../log.js';
import type { Platform, RunningPlatform } from '../types.js';
import { localDate } from './local-time.js';
import { DEFAULT_RETRY_POLICY, postDigest, settledToday, startRun, type PostDeps, type PostOutcome, type RetryPolicy } from './post.js';
import { dueEarlierToday, scheduleProblems } from './schedule.js';
import { channelHint, digestChannels, type DigestChannel } from './targets.js';
import { StoreUnavailableError } from '../store/resilient.js';

export interface DigestSchedulerOptions {
  desk: Desk;
  digest: DigestConfig;
  /**
   * The platforms running now: a list, or a function read at every post, for platforms that
   * connect after the scheduler starts (or drop out and come back).
   */
  platforms: readonly RunningPlatform[] | (() => readonly RunningPlatform[]);
  /**
   * The platforms configured to run, when `platforms` is a function: a digest channel for any
   * other platform is reported once at start and ignored, rather than waited for every day.
   */
  configured?: readonly Platform[];
  log: Logger;
  /** The clock for "today" and the store. Croner's timer runs on real time; tests call fire(). */
  now?: () => Date;
  policy?: Partial<RetryPolicy & { platformWaitMs: number }>;
}

export interface DigestScheduler {
  /** When the schedule fires next; undefined when no digest channel is configured. */
  nextRun(): Date | undefined;
  /** What the schedule runs: today's digest to every channel that has not had it yet. */
  fire(): Promise<PostOutcome[]>;
  /** The start-up check for a run missed earlier today, and what it posted (often nothing). */
  readonly catchUp: Promise<PostOutcome[]>;
  /** Resolves when nothing is being posted or waiting to be retried (waits for a platform to connect do not count). */
  idle(): Promise<void>;
  /** Stops the schedule and drops pending retries; a post under way finishes. */
  stop(): void;
}

/** How often a digest that is due checks whether its platform has connected. */
const PLATFORM_WAIT_MS = 5_000;

export function startDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { desk, digest, log } = options;
  const now = options.now ?? (() => new Date());
  const { platformWaitMs = PLATFORM_WAIT_MS, ...retry } = options.policy ?? {};
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...retry };
  const running = typeof options.platforms === 'function' ? options.platforms : () => options.platforms as readonly RunningPlatform[];
  const configured = options.configured ?? (typeof options.platforms === 'function' ? undefined : options.platforms.map((p) => p.platform));
  const channels = digestChannels(digest).filter((c) => {
    if (!configured || configured.includes(c.platform)) return true;
    log.warn(`${c.variable} is set but ${c.platform} is not configured: no digest to ${c.platform}`);
    return false;
  });
  if (!channels.length) {
    log.info(`no digest: ${channelHint(digest)} to post one`);
    return { nextRun: () => undefined, fire: async () => [], catchUp: Promise.resolve([]), idle: async () => {}, stop() {} };
  }

  let stopped = false;
  const work = tracker();
  /** Armed timers (retries, waits for a platform), each with what to do if stop() drops it. */
  const timers = new Map<NodeJS.Timeout, () => void>();
  const waiting = new Set<DigestChannel>();
  const retrying = new Set<DigestChannel>();
  let queue: Promise<unknown> = Promise.resolve();
  // One post at a time: the start-up catch-up, a scheduled run and a retry never race each other.
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const done = work.begin();
    const run = queue.then(task).finally(done);
    queue = run.catch(() => {});
    return run;
  };
  const later = (ms: number, task: () => Promise<void>, counts: boolean) => {
    if (stopped) return;
    const done = counts ? work.begin() : () => {};
    const timer = setTimeout(() => {
      timers.delete(timer);
      serial(async () => (stopped ? undefined : task()))
        .catch((err: unknown) => log.error('digest follow-up failed unexpectedly', { err }))
        .finally(done);
    }, Math.max(0, ms));
    timer.unref();
    timers.set(timer, done);
  };
  // Posts this scheduler claims carry its run: once stopped, a claim it left is known to be dead.
  const run = startRun();
  const deps = (): PostDeps => ({ library: desk.library(), store: desk.store, timeZone: digest.timezone, now, log, policy, owner: run.owner });
  const today = () => localDate(now(), digest.timezone);

  /** Posts to one channel if its platform runs; otherwise waits for it, and retries failures. */
  const postTo = async (c: DigestChannel, retryNow = false): Promise<PostOutcome> => {
    const platform = running().find((p) => p.platform === c.platform);
    if (!platform) {
      const date = today();
      // Nothing to wait for when today's digest is already settled (posted, or not to be repeated).
      const settled = await settledToday(desk.store, c, date, policy);
      if (!settled) waitForPlatform(c, date);
      else log.debug(`digest not posted: ${settled}`, { platform: c.platform, channel: c.channel, date });
      return { platform: c.platform, channel: c.channel, localDate: date, result: settled ?? 'not-connected', attempts: 0 };
    }
    const outcome = await postDigest({ platform, channel: c.channel }, deps(), { retryNow }).catch((err: unknown): PostOutcome => {
      if (!(err instanceof StoreUnavailableError)) throw err;
      // Nothing was claimed or posted: try again shortly, the same day only (as a refused post is).
      log.warn("today's digest waits for the store to come back", { platform: c.platform, channel: c.channel });
      return { platform: c.platform, channel: c.channel, localDate: today(), result: 'failed', attempts: 0, error: 'the store is unreachable', retryAt: new Date(now().getTime() + platformWaitMs) };
    });
    // "waiting": a failure recorded before a restart; its retry is armed again here.
    if ((outcome.result === 'failed' || outcome.result === 'waiting') && outcome.retryAt) retryLater(c, outcome);
    return outcome;
  };

  const retryLater = (c: DigestChannel, failed: PostOutcome) => {
    // One armed retry per channel, however often a fast cron finds it waiting.
    if (retrying.has(c) || stopped) return;
    retrying.add(c);
    later(
      failed.retryAt!.getTime() - now().getTime(),
      async () => {
        retrying.delete(c);
        // A retry belongs to its day: after midnight it would post the next day's digest early.
        if (today() !== failed.localDate) return log.warn('digest retry dropped: the day it was for is over', { platform: c.platform, channel: c.channel, date: failed.localDate });
        await postTo(c, true);
      },
      true,
    );
  };

  const waitForPlatform = (c: DigestChannel, date: string) => {
    if (waiting.has(c)) return;
    waiting.add(c);
    log.info(`today's digest waits for ${c.platform} to connect`, { channel: c.channel, date });
    const check = async () => {
      if (today() !== date) {
        waiting.delete(c);
        return log.warn(`${c.platform} did not connect in time: no digest to it for ${date}`, { channel: c.channel });
      }
      if (!running().some((p) => p.platform === c.platform)) return later(platformWaitMs, check, false);
      waiting.delete(c);
      await postTo(c);
    };
    later(platformWaitMs, check, false);
  };

  const postAll = async (): Promise<PostOutcome[]> => {
    const outcomes: PostOutcome[] = [];
    for (const c of channels) if (!stopped) outcomes.push(await postTo(c));
    return outcomes;
  };

  let job: Cron;
  try {
    job = new Cron(
      digest.cron,
      {
        timezone: digest.timezone,
        // A slow post (Slack retrying) must not overlap the next firing of a fast cron.
        protect: true,
        unref: true,
        catch: (err: unknown) => log.error('digest run failed unexpectedly', { err }),
      },
      () => fire().then(() => {}),
    );
  } catch (err) {
    // loadConfig checks both variables; this is for callers that did not go through it.
    const problems = scheduleProblems(digest.cron, digest.timezone);
    throw new Error(problems.length ? problems.join(' ') : `The digest schedule could not start: ${(err as Error).message}`, { cause: err });
  }

  const fire = (): Promise<PostOutcome[]> => serial(async () => (stopped ? [] : postAll()));

  // Made up at start-up: today's run, if it fell while the process was down.
  const catchUp = serial(async () => {
    const due = dueEarlierToday(job, now(), digest.timezone);
    if (!due || stopped) return [];
    log.info("today's digest was due earlier; posting it now unless it was posted", { dueAt: due.toISOString() });
    return postAll();
  }).catch((err: unknown): PostOutcome[] => {
    log.error('digest catch-up failed unexpectedly', { err });
    return [];
  });

  log.info('digest scheduled', {
    cron: digest.cron,
    timezone: digest.timezone,
    channels: channels.map((c) => `${c.platform}:${c.channel}`).join(', '),
    next: job.nextRun(now())?.toISOString(),
  });

  return {
    nextRun: () => job.nextRun(now()) ?? undefined,
    fire,
    catchUp,
    idle: () => work.idle(),
    stop() {
      stopped = true;
      run.end();
      job.stop();
      for (const [timer, done] of timers) {
        clearTimeout(timer);
        done();
      }
      timers.clear();
      waiting.clear();
      retrying.clear();
    },
  };
}

/** Counts work in progress (queued posts, armed retries) and tells waiters when it reaches zero. */
function tracker(): { begin(): () => void; idle(): Promise<void> } {
  let busy = 0;
  let waiters: (() => void)[] = [];
  return {
    begin() {
      busy += 1;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        busy -= 1;
        if (busy === 0) {
          const wake = waiters;
          waiters = [];
          for (const w of wake) w();
        }
      };
    },
    idle: () => (busy === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}
