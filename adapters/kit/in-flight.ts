// Work a platform adapter has started (answers being written), so stop() can let them reach the
// people waiting, up to a limit: a delivery that hangs must not hold the process for ever, and
// answers given up on are counted and said, not dropped silently. Shared by every adapter.

import type { Logger } from '../../src/log.js';

/** How long an adapter's stop() waits for answers being written, unless told otherwise. */
export const DRAIN_TIMEOUT_MS = 10_000;

export interface InFlight {
  /** Runs the task and remembers it until it settles. */
  run(task: () => Promise<void>): Promise<void>;
  /**
   * Resolves when everything started so far has settled, or after maxWaitMs, whichever is first,
   * with how many were still running then (0 when all finished).
   */
  drain(maxWaitMs: number): Promise<{ dropped: number }>;
}

export function inFlight(): InFlight {
  const running = new Set<Promise<void>>();
  return {
    run(task) {
      const p = task().finally(() => running.delete(p));
      running.add(p);
      return p;
    },
    async drain(maxWaitMs) {
      if (running.size === 0) return { dropped: 0 };
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, maxWaitMs);
        timer.unref();
      });
      await Promise.race([Promise.allSettled([...running]), timeout]);
      clearTimeout(timer);
      return { dropped: running.size };
    },
  };
}

/** Drains, and says in the log how many answers were given up on (nothing when none were). */
export async function drainAndReport(work: InFlight, maxWaitMs: number, log: Logger, platform: string): Promise<number> {
  const { dropped } = await work.drain(maxWaitMs);
  if (dropped > 0) {
    log.warn(`${platform} stopped with answers still being written; they were dropped`, { dropped, waitedSeconds: maxWaitMs / 1000 });
  }
  return dropped;
}
