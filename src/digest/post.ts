// Posting one channel's digest for today, at most once, whatever the cron says and however often
// the process restarts. The intent is written to the store before the post and the result after:
//
//   (none) ──claim──▶ posting ──ok──▶ posted                      never again that day
//                        │ refused ──▶ failed ──retry (bounded)─▶ posting …
//                        │ timeout / connection lost ──▶ unknown   never again that day
//                        └ process died ──────────────▶ unknown    never again that day
//
// A claim names its owner (host, pid, run): a "posting" row whose owner is gone (a pid that no
// longer runs on this host, or a stopped run of this process) was cut off by a crash, and is
// settled as unknown at once, with one warning. An owner on another host cannot be checked:
// after staleAfterMs its claim is taken to be dead.
//
// Not every platform has an idempotency key, so a post whose outcome is unknown (interrupted, timed
// out) may have arrived; posting it again risks a duplicate in front of the whole team. A missed digest is
// cheaper than a doubled one: such posts are logged and not repeated that day.

import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Platform, RunningPlatform } from '../types.js';
import { DeliveryError } from '../errors.js';
import type { Library } from '../library/library.js';
import type { Logger } from '../log.js';
import type { Store } from '../store.js';
import { buildDigest } from './build.js';
import { localDate } from './local-time.js';
import { digestRecords, type PostChange, type PostRecord } from './records.js';

export interface DigestTarget {
  platform: RunningPlatform;
  channel: string;
}

export interface RetryPolicy {
  /** Attempts per channel per day, the first included. */
  maxAttempts: number;
  /** Wait before the second, third… attempt (the last value repeats). */
  retryDelaysMs: readonly number[];
  /** A "posting" intent older than this belongs to a process that died mid-post. */
  staleAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, retryDelaysMs: [60_000, 5 * 60_000], staleAfterMs: 10 * 60_000 };

export type PostResult =
  /** Delivered now. */
  | 'posted'
  /** Delivered earlier today. */
  | 'already-posted'
  /** Another run or process claimed it moments ago and is posting it. */
  | 'in-progress'
  /** An attempt was interrupted or timed out: it may have arrived, so it is not repeated today. */
  | 'unknown'
  /** Refused; retried at retryAt. */
  | 'failed'
  /** Refused earlier; the next attempt is not due yet. */
  | 'waiting'
  /** Refused on every allowed attempt: not tried again today. */
  | 'gave-up'
  /** Its platform is not connected (yet); posted when it connects, the same day. */
  | 'not-connected';

export interface PostOutcome {
  platform: Platform;
  channel: string;
  localDate: string;
  result: PostResult;
  attempts: number;
  error?: string;
  retryAt?: Date;
}

export interface PostDeps {
  library: Library;
  store: Store;
  timeZone: string;
  now: () => Date;
  log: Logger;
  policy: RetryPolicy;
  /** The run claiming posts (startRun); unset: one run for the life of the process. */
  owner?: string;
}

const HOST = os.hostname();
const liveRuns = new Set<string>();

/** A run that claims digest posts (a scheduler, `npm run digest -- --post`); end it when it stops. */
export function startRun(): { owner: string; end(): void } {
  const owner = `${HOST}|${process.pid}|${randomUUID().slice(0, 8)}`;
  liveRuns.add(owner);
  return { owner, end: () => void liveRuns.delete(owner) };
}

let processRun: string | undefined;
const defaultOwner = () => (processRun ??= startRun().owner);

/** True when the run that claimed a post is known to be gone; false when alive or not knowable here. */
function ownerGone(owner: string | undefined): boolean {
  if (!owner) return false;
  const parts = owner.split('|');
  parts.pop();
  const pid = Number(parts.pop());
  if (parts.join('|') !== HOST || !Number.isInteger(pid)) return false;
  if (pid === process.pid) return !liveRuns.has(owner);
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Today's outcome for a channel if nothing more will happen today (posted, unknown, given up); else undefined. */
export async function settledToday(store: Store, target: { platform: string; channel: string }, date: string, policy: RetryPolicy): Promise<PostResult | undefined> {
  const row = await digestRecords(store).get(target.platform, target.channel, date);
  if (!row) return undefined;
  if (row.status === 'posted') return 'already-posted';
  if (row.status === 'unknown') return 'unknown';
  if (row.status === 'failed' && row.attempts >= policy.maxAttempts) return 'gave-up';
  return undefined;
}

type Claim = { go: true; attempts: number } | { go: false; result: PostResult; row: PostRecord; interrupted?: boolean };

/** Post today's digest to one channel unless the store says it was done, is being done, or may have been. */
export async function postDigest(target: DigestTarget, deps: PostDeps, options: { retryNow?: boolean } = {}): Promise<PostOutcome> {
  const { store, timeZone, log, policy } = deps;
  const records = digestRecords(store);
  const at = deps.now();
  const date = localDate(at, timeZone);
  const key = { platform: target.platform.platform, channel: target.channel };
  const outcome = (result: PostResult, attempts: number, extra: Partial<PostOutcome> = {}): PostOutcome => ({ ...key, localDate: date, result, attempts, ...extra });

  const owner = deps.owner ?? defaultOwner();
  type Decision = { write?: PostChange; result: Claim };
  const claim = await records.claim({ ...key, localDate: date }, (row): Decision => {
    if (!row) return { write: { status: 'posting', attempts: 1, owner, at }, result: { go: true, attempts: 1 } };
    switch (row.status) {
      case 'posted':
        return { result: { go: false, result: 'already-posted', row } };
      case 'unknown':
        return { result: { go: false, result: 'unknown', row } };
      case 'posting':
        if (!ownerGone(row.owner) && at.getTime() - row.updatedAt.getTime() < policy.staleAfterMs) return { result: { go: false, result: 'in-progress', row } };
        return { write: { status: 'unknown', error: 'interrupted while posting', at }, result: { go: false, result: 'unknown', row, interrupted: true } };
      case 'failed':
        if (row.attempts >= policy.maxAttempts) return { result: { go: false, result: 'gave-up', row } };
        if (!options.retryNow && row.nextAttemptAt && row.nextAttemptAt > at) return { result: { go: false, result: 'waiting', row } };
        return { write: { status: 'posting', attempts: row.attempts + 1, owner, at }, result: { go: true, attempts: row.attempts + 1 } };
    }
  });

  const fields = { ...key, date };
  if (!claim.go) {
    const { result, row } = claim;
    if (claim.interrupted) {
      log.warn('an earlier digest post was interrupted (the process stopped while posting); it may have arrived, so it is not posted again today', { ...fields, since: row.updatedAt.toISOString() });
    } else if (result === 'in-progress') {
      log.info('digest is being posted by another run; not posting it twice', fields);
    } else {
      log.debug(`digest not posted: ${result}`, fields);
    }
    return outcome(result, row.attempts, { error: row.error, retryAt: result === 'waiting' ? row.nextAttemptAt : undefined });
  }

  const attempts = claim.attempts;
  let built: Awaited<ReturnType<typeof buildDigest>>;
  try {
    built = await buildDigest({ library: deps.library, store, records, at, timeZone, previous: await records.lastPostedBefore(date, key), recordFocus: true });
    await target.platform.post(target.channel, built.reply);
  } catch (err) {
    return failed(err);
  }
  // Outside the try: a store error here must not be taken for a failed post and posted again.
  try {
    await records.update(key.platform, key.channel, date, { status: 'posted', coveredUntil: built.coveredUntil, documents: built.documents, error: undefined, nextAttemptAt: undefined, at: deps.now() });
  } catch (err) {
    log.error('digest posted, but the store could not record it; it will not be posted again today', { ...fields, err });
  }
  log.info('digest posted', { ...fields, attempt: attempts });
  return outcome('posted', attempts);

  async function failed(err: unknown): Promise<PostOutcome> {
    const error = (err as Error)?.message ?? String(err);
    const failedAt = deps.now();
    if (outcomeUnknown(err)) {
      await records.update(key.platform, key.channel, date, { status: 'unknown', error, at: failedAt });
      log.error('digest post timed out or lost its connection; it may have arrived, so it is not retried today', { ...fields, attempt: attempts, err });
      return outcome('unknown', attempts, { error });
    }
    if (attempts >= policy.maxAttempts) {
      await records.update(key.platform, key.channel, date, { status: 'failed', error, nextAttemptAt: undefined, at: failedAt });
      log.error(`digest could not be posted after ${attempts} attempts; giving up for today`, { ...fields, err });
      return outcome('gave-up', attempts, { error });
    }
    const delays = policy.retryDelaysMs;
    const retryAt = new Date(failedAt.getTime() + (delays[Math.min(attempts - 1, delays.length - 1)] ?? 60_000));
    await records.update(key.platform, key.channel, date, { status: 'failed', error, nextAttemptAt: retryAt, at: failedAt });
    log.warn('digest post failed; it will be retried', { ...fields, attempt: attempts, of: policy.maxAttempts, retryAt: retryAt.toISOString(), err });
    return outcome('failed', attempts, { error, retryAt });
  }
}

/**
 * True when the post may have arrived although it failed, as the platform's adapter judged it
 * (a DeliveryError). Any other failure is taken for a refusal: it did not arrive.
 */
export function outcomeUnknown(err: unknown): boolean {
  return err instanceof DeliveryError && err.outcome === 'may-have-arrived';
}
