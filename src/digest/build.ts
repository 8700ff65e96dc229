// One digest, as a neutral Reply (kind "digest") that every adapter renders its own way:
// the focus of the day, what the team asked, feedback, and what changed in the documents.
// A section with nothing to say is left out.

import type { Reply } from '../types.js';
import type { Library } from '../library/library.js';
import type { Store } from '../store.js';
import { feedbackField, plural, questionFields } from './activity.js';
import { changeFields, snapshotOf } from './changes.js';
import { focusContent, focusItems } from './focus.js';
import { localDate, longDate, shortDateTime } from './local-time.js';
import type { DigestRecords, DocumentSnapshot, PostRecord } from './records.js';
import { focusFor } from './rotation.js';

/** Without an earlier digest, the first one looks back this far. */
export const FIRST_DIGEST_LOOKBACK_MS = 24 * 3600 * 1000;

export interface DigestInput {
  library: Library;
  store: Store;
  records: DigestRecords;
  at: Date;
  timeZone: string;
  /** The last digest posted to the same channel (any channel, for a preview); none the first time. */
  previous?: PostRecord;
  /** A real post records the day's focus; a preview only looks, so it never moves the rotation. */
  recordFocus: boolean;
}

export interface BuiltDigest {
  reply: Reply;
  /** What the digest reported the documents to be, kept to compare with next time. */
  documents: DocumentSnapshot[];
  /** The questions and feedback reported run up to here. */
  coveredUntil: Date;
}

export async function buildDigest(input: DigestInput): Promise<BuiltDigest> {
  const { library, store, records, at, timeZone, previous } = input;
  const since = previous?.coveredUntil ?? new Date(at.getTime() - FIRST_DIGEST_LOOKBACK_MS);
  const period = previous ? `since the last digest (${shortDateTime(since, timeZone)})` : 'in the last 24 hours';

  const item = await focusFor(records, focusItems(library), localDate(at, timeZone), { record: input.recordFocus, at });
  const focus = item ? focusContent(library, item) : undefined;
  // Half-open periods [since, until) tile without gaps or overlaps; until includes the current millisecond.
  const until = new Date(at.getTime() + 1);
  const questions = (await store.questionsSince(since)).filter((q) => new Date(q.at) < until);
  const documents = snapshotOf(library.corpus.documents);

  const intro = previous
    ? undefined
    : `The first Policy Desk digest: each time, a focus from the documents, what the team asked and what changed in the documents. Policy Desk answers from ${plural(library.corpus.documents.length, 'document')} (${plural(library.corpus.passages.length, 'passage')}).`;
  const reply: Reply = {
    kind: 'digest',
    title: `Policy Desk digest · ${longDate(at, timeZone)}`,
    text: [intro, focus?.lead].filter(Boolean).join('\n\n') || 'Nothing in the documents to quote today.',
    citations: focus?.citations ?? [],
    fields: [...questionFields(questions, library, period), ...feedbackField(await store.feedbackSince(since)), ...changeFields(previous?.documents, documents)],
    notes: [...(focus?.hint ? [focus.hint] : []), 'Ask Policy Desk anything about the documents; "help" lists what it can do.'],
    answered: false,
    edition: library.edition,
  };
  return { reply, documents, coveredUntil: until };
}
