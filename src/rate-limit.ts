// How many questions one person may ask: a token bucket per key (platform + user). A bucket
// holds `perMinute` tokens and refills at perMinute per minute, so a burst of that many is
// answered at once and then about one every 60/perMinute seconds, however long it goes on.

import type { Incoming, Reply } from './types.js';
import type { Logger } from './log.js';
import { notice } from './reply.js';

export interface RateLimiter {
  /**
   * Takes one token for key at time nowMs. Returns 0 when the question may be answered, else
   * how many milliseconds until it could be.
   */
  take(key: string, nowMs: number): number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept at most; full ones are dropped first, so memory stays bounded under many users. */
const MAX_KEYS = 50_000;

export function tokenBucket(perMinute: number): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;
  const level = (b: Bucket, nowMs: number) => Math.min(perMinute, b.tokens + Math.max(0, nowMs - b.at) * perMs);

  const prune = (nowMs: number) => {
    for (const [key, b] of buckets) if (level(b, nowMs) >= perMinute) buckets.delete(key);
    // Everyone is mid-burst: forget the oldest (Map order is insertion order).
    for (const key of buckets.keys()) {
      if (buckets.size < MAX_KEYS) break;
      buckets.delete(key);
    }
  };

  return {
    take(key, nowMs) {
      if (!(perMinute > 0)) return 0;
      const b = buckets.get(key);
      const tokens = b ? level(b, nowMs) : perMinute;
      if (tokens < 1) return Math.ceil((1 - tokens) / perMs);
      if (!b && buckets.size >= MAX_KEYS) prune(nowMs);
      buckets.set(key, { tokens: tokens - 1, at: nowMs });
      return 0;
    },
  };
}

/**
 * The desk's check before answering: a private note for a person past the limit (logged once per
 * burst; such questions are neither answered nor recorded), else undefined. No limit when unset or 0.
 */
export function questionLimit(perMinute: number | undefined, log: Logger): (incoming: Incoming, now: Date) => Reply | undefined {
  if (!perMinute) return () => undefined;
  const limiter = tokenBucket(perMinute);
  const limited = new Set<string>();
  return (incoming, now) => {
    // The terminal and npm run ask belong to whoever runs the bot (a batch file may hold thousands).
    if (incoming.type === 'feedback' || !incoming.user || incoming.platform === 'cli') return undefined;
    const key = `${incoming.platform}:${incoming.user}`;
    const waitMs = limiter.take(key, now.getTime());
    if (!waitMs) {
      limited.delete(key);
      return undefined;
    }
    if (!limited.has(key)) {
      if (limited.size > 10_000) limited.clear();
      limited.add(key);
      log.info('questions rate-limited', { platform: incoming.platform, perMinute });
    }
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return notice('error', 'Too many questions at once', `Policy Desk answers up to ${perMinute} questions a minute from one person. Please try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, { private: true, retryAfterSeconds: seconds });
  };
}
