// Work started for Slack events, so stop() can let answers being written reach the people waiting.

export interface InFlight {
  /** Runs the task and remembers it until it settles. */
  run(task: () => Promise<void>): Promise<void>;
  /** Resolves when everything started so far has settled, or after maxWaitMs, whichever is first. */
  drain(maxWaitMs: number): Promise<void>;
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
      if (running.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, maxWaitMs);
        timer.unref();
      });
      await Promise.race([Promise.allSettled([...running]), timeout]);
      clearTimeout(timer);
    },
  };
}
