// Which item is the focus of the day. The rule: within a cycle every item is shown once, in an
// order shuffled per cycle (so neighbours in the catalog, C97 then C143, are not always back to
// back); a new cycle starts only when every current item has been shown.
//
// The choice is recorded per local date in the store rather than computed from a day count:
// a day count spread over N items skips or repeats items whenever the catalog grows or shrinks
// (N changes, every index moves) and on days without a digest (weekends). Recorded, an entry
// added mid-cycle is shown later in the same cycle, a removed one is simply never picked, and
// restarts change nothing. Given the same history the choice is deterministic.

import { createHash } from 'node:crypto';
import type { DigestRecords, FocusRecord } from './records.js';
import { seededRandom } from '../random.js';

/** The items in this cycle's order: a shuffle of the sorted items seeded by the cycle number. */
export function cycleOrder(items: readonly string[], cycle: number): string[] {
  const order = [...new Set(items)].sort();
  const random = cycleRandom(cycle);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** The next item after a history: the first of this cycle's order not shown yet in the cycle. */
export function nextInRotation(items: readonly string[], history: { last?: FocusRecord; shownInCycle: readonly string[] }): { item: string; cycle: number } | undefined {
  if (!items.length) return undefined;
  const cycle = history.last?.cycle ?? 0;
  const shown = new Set(history.shownInCycle);
  const next = cycleOrder(items, cycle).find((i) => !shown.has(i));
  if (next) return { item: next, cycle };
  const order = cycleOrder(items, cycle + 1);
  // The first of a new cycle may be the last of the old one: show another first.
  const first = order[0] === history.last?.item && order.length > 1 ? order[1]! : order[0]!;
  return { item: first, cycle: cycle + 1 };
}

/**
 * The focus for a local date: the one already chosen for that date if it still exists, or the
 * next in the rotation. `record` is false for previews, which must not move the rotation on.
 */
export async function focusFor(records: DigestRecords, items: readonly string[], date: string, options: { record: boolean; at: Date }): Promise<string | undefined> {
  const chosen = await records.focusOn(date);
  if (chosen && items.includes(chosen.item)) return chosen.item;
  const next = nextInRotation(items, await records.rotationBefore(date));
  if (next && options.record) await records.saveFocus({ localDate: date, ...next }, options.at);
  return next?.item;
}

/** Seeded from a hash of the cycle number: the same order on every machine. */
function cycleRandom(cycle: number): () => number {
  return seededRandom(createHash('sha256').update(`policy-desk digest cycle ${cycle}`).digest().readUInt32LE(0));
}
