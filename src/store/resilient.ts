// What the desk does while its database is away (PostgreSQL restarting, a network cut, a full
// disk): answers go on. Question-log writes never hold an answer up: the first attempt is waited
// for briefly, then the write is retried in the background for a bounded time and dropped with a
// count in the log. Event claims fall back to this process's own memory (so a redelivery to the
// same process is still answered once). /healthz reports "degraded" until the database answers
// again, which is checked on a timer: the connection comes back by itself.

import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import type { Store, StoreHealth } from '../store.js';
import type { DigestRecords } from '../digest/records.js';

export interface ResilienceOptions {
  log: Logger;
  /** How long an answer waits for its question-log write before going out without a question id. */
  firstWriteMs: number;
  /** How long an event claim waits for the database before this process decides alone. */
  claimMs: number;
  /** How long a question-log write is retried before it is dropped. */
  retryForMs: number;
  /** While degraded, how often the database is checked. */
  pingEveryMs: number;
  /** Question-log writes held for retry at most; past that, new ones are dropped at once. */
  maxPending: number;
  /** Event keys this process remembers, for the fallback and to skip its own redeliveries early. */
  rememberClaims: number;
}

export const DEFAULT_RESILIENCE: Omit<ResilienceOptions, 'log'> = {
  firstWriteMs: 1_000,
  // Below Discord's 3 s to defer an interaction, which waits for the claim.
  claimMs: 1_500,
  retryForMs: 60_000,
  pingEveryMs: 5_000,
  maxPending: 1_000,
  rememberClaims: 10_000,
};

/** Thrown in place of a back end's error while the database is unreachable, so callers can say so plainly. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

export function resilient(backend: Store, options: Partial<ResilienceOptions> = {}): Store {
  const o: ResilienceOptions = { ...DEFAULT_RESILIENCE, ...options, log: options.log ?? silentLogger };
  const { log } = o;
  let degradedSince: Date | undefined;
  let pinger: NodeJS.Timeout | undefined;
  let pendingWrites = 0;
  let droppedWrites = 0;
  /** One per write waiting, so close() can stop them (a shared signal would gather a listener per write). */
  const writes = new Set<AbortController>();
  const claimed = new Map<string, true>();

  const recovered = () => {
    if (!degradedSince) return;
    log.info('store reachable again', { backend: backend.backend, where: backend.where, downSeconds: Math.round((Date.now() - degradedSince.getTime()) / 1000) });
    degradedSince = undefined;
    clearInterval(pinger);
    pinger = undefined;
  };
  const failed = (err: unknown) => {
    if (!isOutage(err) || degradedSince) return;
    degradedSince = new Date();
    log.error('store unreachable: answering without it (claims kept in memory, question-log writes retried)', { backend: backend.backend, where: backend.where, err });
    pinger = setInterval(() => void backend.ping().then(recovered, () => {}), o.pingEveryMs);
    pinger.unref();
  };
  /** Passes a call through, noting whether the database answered. */
  const tracked = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      const value = await call();
      recovered();
      return value;
    } catch (err) {
      failed(err);
      throw isOutage(err) ? new StoreUnavailableError(`The store (${backend.backend}) is unreachable: ${(err as Error)?.message ?? err}`, { cause: err }) : err;
    }
  };
  const remember = (key: string) => {
    claimed.set(key, true);
    if (claimed.size > o.rememberClaims) claimed.delete(claimed.keys().next().value!);
  };

  const digest = new Proxy(backend.digest, {
    get(target, name) {
      const member = target[name as keyof DigestRecords];
      return typeof member === 'function' ? (...args: unknown[]) => tracked(() => (member as (...a: unknown[]) => Promise<unknown>).apply(target, args)) : member;
    },
  });

  return {
    backend: backend.backend,
    where: backend.where,
    logQuestion(q) {
      if (pendingWrites >= o.maxPending) {
        droppedWrites += 1;
        log.warn('question log write dropped: too many waiting for the store', { pending: pendingWrites, dropped: droppedWrites });
        return Promise.resolve(undefined);
      }
      const question = { ...q, at: q.at ?? new Date() };
      let settleFirst: (id: number | undefined) => void = () => {};
      const first = new Promise<number | undefined>((resolve) => (settleFirst = resolve));
      pendingWrites += 1;
      const stop = new AbortController();
      writes.add(stop);
      let waiting = true;
      const done = () => {
        if (waiting) pendingWrites -= 1;
        waiting = false;
        writes.delete(stop);
      };
      const started = Date.now();
      void pRetry(
        async (attempt) => {
          try {
            const id = await tracked(() => backend.logQuestion(question));
            done();
            settleFirst(id);
            return id;
          } catch (err) {
            if (attempt === 1) settleFirst(undefined);
            throw err;
          }
        },
        {
          retries: 1_000,
          factor: 2,
          minTimeout: 250,
          maxTimeout: 5_000,
          maxRetryTime: o.retryForMs,
          signal: stop.signal,
          // Only an outage is worth waiting out; a write the database refuses would be refused again.
          shouldRetry: (err) => err instanceof StoreUnavailableError,
        },
      )
        .catch((err: unknown) => {
          done();
          droppedWrites += 1;
          log.warn('question log write dropped after retrying', { seconds: Math.round((Date.now() - started) / 1000), dropped: droppedWrites, err: (err as Error)?.message });
        });
      // Degraded: the answer does not wait at all; the write waits in the background.
      if (degradedSince) return Promise.resolve(undefined);
      return Promise.race([first, delay(o.firstWriteMs)]);
    },
    question: (id) => tracked(() => backend.question(id)),
    questionsSince: (since) => tracked(() => backend.questionsSince(since)),
    recordFeedback: (f) => tracked(() => backend.recordFeedback(f)),
    feedbackSince: (since) => tracked(() => backend.feedbackSince(since)),
    feedbackFor: (id) => tracked(() => backend.feedbackFor(id)),
    async claimEvent(key, at) {
      // Seen by this process already: no need to ask the database.
      if (claimed.has(key)) return false;
      remember(key);
      try {
        return await tracked(() => withTimeout(backend.claimEvent(key, at), o.claimMs));
      } catch (err) {
        // Alone: this process remembers what it answered; another replica may answer it too.
        log.warn('event claim not shared (store unreachable): deciding in this process alone', { key, err: (err as Error)?.message });
        return true;
      }
    },
    digest,
    ping: () => tracked(() => backend.ping()),
    health(): StoreHealth {
      return { backend: backend.backend, state: degradedSince ? 'degraded' : 'ok', ...(degradedSince ? { since: degradedSince.toISOString() } : {}), pendingWrites, droppedWrites };
    },
    async close() {
      clearInterval(pinger);
      if (pendingWrites) log.warn('closing the store with question-log writes still waiting; they are dropped', { pending: pendingWrites });
      for (const stop of writes) stop.abort();
      await backend.close();
    },
  };
}

/**
 * An error that says the database could not be reached or answered, as opposed to one about the
 * data (a constraint, bad input), which retrying or degrading would not help.
 */
function isOutage(err: unknown): boolean {
  const code = String((err as { code?: unknown })?.code ?? '');
  if (/^(22|23|42)/.test(code) || code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH') return false;
  return true;
}

function delay(ms: number): Promise<undefined> {
  return sleep(ms, undefined, { ref: false });
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer from the store within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
