// What every platform's event handlers share: each delivery answered once, and a failure turned
// into one log line with an error id and an apology carrying that id.

import type { Desk } from '../../src/desk.js';
import { apology, newErrorId } from '../../src/errors.js';
import type { LogFields, Logger } from '../../src/log.js';
import type { Reply } from '../../src/types.js';

/**
 * True the first time a delivery is seen. Platforms redeliver (Slack retries an event it thinks
 * was not acked, Discord replays after a resume, a signed request can be replayed): each must be
 * answered once. Keys are scoped by platform.
 */
export async function firstDelivery(desk: Desk, log: Logger, platform: string, key: string, label = platform): Promise<boolean> {
  let first: boolean;
  try {
    first = await desk.claimDelivery(`${platform}:${key}`);
  } catch (err) {
    // A store that cannot record the claim should not silence the bot: answering twice is the lesser harm.
    log.warn(`could not record a ${label} delivery; answering anyway`, { eventId: key, err });
    return true;
  }
  if (!first) log.info('Skipped an event already answered', { eventId: key });
  return first;
}

/** Work a platform tracks so its stop() can wait for it (adapters/kit/in-flight.ts). */
export interface Tracker {
  run(task: () => Promise<void>): Promise<void>;
}

export interface Guard {
  log: Logger;
  /** For log lines: "Slack". */
  label: string;
  work?: Tracker;
  /** More fields for the error line, from the error (e.g. a remedy the platform's code suggests). */
  explain?: (err: unknown) => LogFields;
  /** Told of every failure (e.g. so a rejected token is reported once, not per reply). */
  failed?: (err: unknown) => void;
}

/**
 * Runs a handler's work (tracked, when the guard has a tracker). On failure: one error line (the
 * `failure` message) with an id, and the apology carrying that id delivered by `tell`, itself allowed to fail (then a
 * warning with the same id). Never throws.
 */
export function guarded(guard: Guard, failure: string, fields: LogFields, work: () => Promise<void>, tell: (apology: Reply) => Promise<unknown>): Promise<void> {
  const run = async () => {
    try {
      await work();
    } catch (err) {
      const errorId = newErrorId();
      guard.failed?.(err);
      guard.log.error(failure, { errorId, ...fields, ...guard.explain?.(err), err });
      try {
        await tell(apology(errorId));
      } catch (tellErr) {
        guard.log.warn(`could not deliver the apology on ${guard.label}`, { errorId, err: tellErr });
      }
    }
  };
  return guard.work ? guard.work.run(run) : run();
}
