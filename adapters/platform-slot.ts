// Starts one chat platform and keeps trying while it is unreachable: a Slack or Discord outage
// at start-up must not take down the other platform or the terminal. A permanent problem
// (a rejected token, a missing intent) is not retried: it is reported once, clearly.

import type { Logger } from '../src/log.js';
import type { RunningPlatform } from '../src/types.js';
import type { PlatformHealth } from '../src/health.js';

/** Waits between attempts; the last one repeats. */
export const RETRY_DELAYS_MS = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000];

export interface PlatformSlot extends PlatformHealth {
  running?: RunningPlatform;
  /** Stops retrying, or stops the platform once it runs. */
  stop(): Promise<void>;
}

export function startPlatform(
  name: string,
  start: () => Promise<RunningPlatform>,
  log: Logger,
  onFatal: (err: Error) => void,
  delays: readonly number[] = RETRY_DELAYS_MS,
): PlatformSlot {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let attempt = 0;
  const slot: PlatformSlot = {
    name,
    startingSince: new Date(),
    get status() {
      return slot.running?.status();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await slot.running?.stop();
    },
  };

  const tryStart = async () => {
    try {
      const running = await start();
      if (stopped) return void (await running.stop());
      slot.running = running;
      slot.startingSince = undefined;
      log.info(`${name} connected`, attempt ? { attempts: attempt + 1 } : {});
    } catch (err) {
      if (stopped) return;
      const retryable = (err as { retryable?: boolean }).retryable === true;
      if (!retryable) return onFatal(err as Error);
      const wait = delays[Math.min(attempt, delays.length - 1)]!;
      attempt++;
      log.warn(`${name} unreachable; retrying`, { inSeconds: wait / 1000, attempt, reason: (err as Error).message });
      timer = setTimeout(() => void tryStart(), wait);
    }
  };
  void tryStart();
  return slot;
}
