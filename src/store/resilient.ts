// What the desk does while its database is away (PostgreSQL restarting, a network cut, a full
// disk): answers go on. Question-log writes never hold an answer up: the first attempt is waited
// for briefly, then the write is retried in the background for a bounded time and dropped with a
// count in the log. Event claims fall back to this process's own memory (so a redelivery to the
// same process is still answered once). /healthz reports "degraded" until the database answers
// again, which is checked on a timer: the connection comes back by itself.

import pRetry from 'p-retry';
import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import type { NewQuestion, Store, StoreHealth } from './types.js';
import type { DigestRecords } from '../digest/records.js';

export interface ResilienceOptions {
  log: Logger;
  /** How long an answer waits for its question-log write before going out without a question id. */
  firstWriteMs: number;
  /** How long an event claim waits for the database before this process decides alone. */
  claimMs: number;
  /** How long a question-log write is retried before it is dropped. */
  retryForMs: number;
  /** The longest wait between two tries of a write (the waits grow from 250 ms to this). */
  retryMaxDelayMs: number;
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
  retryMaxDelayMs: 5_000,
  pingEveryMs: 5_000,
  maxPending: 1_000,
  rememberClaims: 10_000,
};

const LOG_EVERY_MS = 60_000;
const DIGEST_WRITES = new Set<string>(['claim', 'update', 'saveFocus']);

/** Thrown in place of a back end's error while the database is unreachable, so callers can say so plainly. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

export function resilient(backend: Store, options: Partial<ResilienceOptions> = {}): Store {
  const o: ResilienceOptions = { ...DEFAULT_RESILIENCE, ...options, log: options.log ?? silentLogger };
  const { log } = o;
  let degradedSince: Date | undefined;
  let lastError: string | undefined;
  let pinger: NodeJS.Timeout | undefined;
  let pendingWrites = 0;
  let droppedWrites = 0;
  let failures = 0;
  /** One per write waiting, so close() can stop them (a shared signal would gather a listener per write). */
  const writes = new Set<AbortController>();
  const claimed = new Map<string, true>();

  const recovered = () => {
    if (!degradedSince) return;
    log.info('store reachable again', { backend: backend.backend, where: backend.where, downSeconds: Math.round((Date.now() - degradedSince.getTime()) / 1000) });
    degradedSince = undefined;
    failures = 0;
    clearInterval(pinger);
    pinger = undefined;
  };
  const failed = (err: unknown) => {
    if (!isOutage(err)) return;
    lastError = errorCode(err);
    if (degradedSince) return;
    degradedSince = new Date();
    log.error('store unreachable: answering without it (claims kept in memory, question-log writes retried)', { backend: backend.backend, where: backend.where, err });
    // The check is a write: a full disk still answers reads, and it is writes that must work again.
    pinger = setInterval(() => void backend.claimEvent(`store-check:${process.pid}:${Date.now()}`).then(recovered, (e: unknown) => void (lastError = errorCode(e))), o.pingEveryMs);
    pinger.unref();
  };
  /**
   * Passes a call through, noting whether the database answered. Only a write that works ends an
   * outage; a failed write counts, a retry of one does not (health counts writes, not attempts).
   */
  const tracked = async <T>(call: () => Promise<T>, kind: 'read' | 'write' | 'retry' = 'read'): Promise<T> => {
    try {
      const value = await call();
      if (kind !== 'read') recovered();
      return value;
    } catch (err) {
      if (kind === 'write' && isOutage(err)) failures += 1;
      failed(err);
      throw isOutage(err) ? new StoreUnavailableError(`The store (${backend.backend}) is unreachable: ${(err as Error)?.message ?? err}`, { cause: err }) : err;
    }
  };
  /** True at most once a minute per kind: an outage is one story in the log, not a line per question. */
  const lastLogged = new Map<string, number>();
  const throttle = (kind: string) => {
    const now = Date.now();
    if (now - (lastLogged.get(kind) ?? -Infinity) < LOG_EVERY_MS) return false;
    lastLogged.set(kind, now);
    return true;
  };
  const remember = (key: string) => {
    claimed.set(key, true);
    if (claimed.size > o.rememberClaims) claimed.delete(claimed.keys().next().value!);
  };

  /** Retries a question-log write through an outage, for a bounded time, then drops it with a count. */
  const retryLater = (question: NewQuestion, triedOnce: boolean) => {
    if (pendingWrites >= o.maxPending) {
      droppedWrites += 1;
      if (throttle('too many')) log.warn('question log writes dropped: too many waiting for the store', { pending: pendingWrites, dropped: droppedWrites });
      return;
    }
    pendingWrites += 1;
    const stop = new AbortController();
    writes.add(stop);
    const started = Date.now();
    pRetry((attempt) => tracked(() => backend.logQuestion(question), attempt === 1 && !triedOnce ? 'write' : 'retry'), {
      retries: 1_000,
      factor: 2,
      minTimeout: Math.min(250, o.retryMaxDelayMs),
      maxTimeout: o.retryMaxDelayMs,
      maxRetryTime: o.retryForMs,
      signal: stop.signal,
      // Only an outage is worth waiting out; a write the database refuses would be refused again.
      shouldRetry: (err) => err instanceof StoreUnavailableError,
    })
      .catch((err: unknown) => {
        droppedWrites += 1;
        if (throttle('dropped')) log.warn('question log write dropped after retrying', { seconds: Math.round((Date.now() - started) / 1000), dropped: droppedWrites, err: (err as Error)?.message });
      })
      .finally(() => {
        pendingWrites -= 1;
        writes.delete(stop);
      });
  };

  const digest = new Proxy(backend.digest, {
    get(target, name) {
      const member = target[name as keyof DigestRecords];
      return typeof member === 'function' ? (...args: unknown[]) => tracked(() => (member as (...a: unknown[]) => Promise<unknown>).apply(target, args), DIGEST_WRITES.has(String(name)) ? 'write' : 'read') : member;
    },
  });

  return {
    backend: backend.backend,
    where: backend.where,
    logQuestion(q) {
      const question = { ...q, at: q.at ?? new Date() };
      // Degraded: the answer does not wait at all; the write waits in the background.
      if (degradedSince) {
        retryLater(question, false);
        return Promise.resolve(undefined);
      }
      const first = tracked(() => backend.logQuestion(question), 'write').catch((err: unknown) => {
        if (!(err instanceof StoreUnavailableError)) throw err;
        retryLater(question, true);
        return undefined;
      });
      // A hanging connection: the answer goes without the id; the write still lands (or fails into the retry).
      return firstOrNothing(first, o.firstWriteMs);
    },
    question: (id) => tracked(() => backend.question(id)),
    questionsSince: (since) => tracked(() => backend.questionsSince(since)),
    recordFeedback: (f) => tracked(() => backend.recordFeedback(f), 'write'),
    feedbackSince: (since) => tracked(() => backend.feedbackSince(since)),
    feedbackFor: (id) => tracked(() => backend.feedbackFor(id)),
    async claimEvent(key, at) {
      // Seen by this process already: no need to ask the database.
      if (claimed.has(key)) return false;
      remember(key);
      try {
        return await tracked(() => withTimeout(backend.claimEvent(key, at), o.claimMs), 'write');
      } catch (err) {
        // Alone: this process remembers what it answered; another replica may answer it too.
        if (throttle('claim')) log.warn('event claims not shared (store unreachable): deciding in this process alone', { key, err: (err as Error)?.message });
        return true;
      }
    },
    digest,
    ping: () => tracked(() => backend.ping()),
    health(): StoreHealth {
      return { backend: backend.backend, state: degradedSince ? 'degraded' : 'ok', ...(degradedSince ? { since: degradedSince.toISOString(), lastError } : {}), failures, pendingWrites, droppedWrites };
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

/** An error's code, or its name: what health may show (a message could quote a value). */
function errorCode(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown } | null;
  return typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'Error';
}

/** The work's result if it comes within ms, else undefined (the work goes on). */
function firstOrNothing<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer from the store within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
