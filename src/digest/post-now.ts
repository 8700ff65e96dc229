// `npm run digest -- --post`: today's digest to every configured channel now, rather than at the
// scheduled time, and still at most once per channel per day (the store decides, see post.ts).

import type { DigestConfig } from '../config.js';
import type { Desk } from '../desk.js';
import type { Logger } from '../log.js';
import type { RunningPlatform } from '../types.js';
import { DEFAULT_RETRY_POLICY, postDigest, type PostOutcome } from './post.js';
import { digestTargets } from './targets.js';
import { previewDigest } from './preview.js';

/** `npm run digest -- --dry-run`: today's digest as it would be posted now, posting nothing. */
export function digestPreviewNow(desk: Desk, digest: DigestConfig, at = new Date()) {
  return previewDigest({ library: desk.library(), store: desk.store, timeZone: digest.timezone, at });
}

export async function postDigestNow(options: { desk: Desk; digest: DigestConfig; platforms: readonly RunningPlatform[]; log: Logger; now?: () => Date }): Promise<PostOutcome[]> {
  const { desk, digest, log } = options;
  const now = options.now ?? (() => new Date());
  const outcomes: PostOutcome[] = [];
  for (const target of digestTargets(digest, options.platforms, log)) {
    // Whoever runs it by hand wants it now: a failed earlier attempt's wait is skipped, its limit is not.
    outcomes.push(await postDigest(target, { library: desk.library(), store: desk.store, timeZone: digest.timezone, now, log, policy: DEFAULT_RETRY_POLICY }, { retryNow: true }));
  }
  return outcomes;
}

/** One line per channel for a person: what happened and, when it did not post, why and what next. */
export function describeOutcome(o: PostOutcome, label = o.platform): string {
  const where = `${label} channel ${o.channel}`;
  const why = o.error ? ` (${o.error})` : '';
  switch (o.result) {
    case 'posted':
      return `${where}: digest for ${o.localDate} posted.`;
    case 'already-posted':
      return `${where}: the digest for ${o.localDate} was already posted; not posting it twice.`;
    case 'in-progress':
      return `${where}: another process is posting the digest for ${o.localDate} right now.`;
    case 'unknown':
      return `${where}: an earlier attempt for ${o.localDate} was interrupted or timed out${why}; it may have arrived, so it is not posted again today.`;
    case 'failed':
    case 'waiting':
      return `${where}: the digest could not be posted${why}; attempt ${o.attempts} of ${DEFAULT_RETRY_POLICY.maxAttempts} today, run again to retry.`;
    case 'not-connected':
      return `${where}: not connected, so the digest was not posted.`;
    case 'gave-up':
      return `${where}: the digest could not be posted after ${o.attempts} attempts today${why}; it will not be tried again today.`;
  }
}
