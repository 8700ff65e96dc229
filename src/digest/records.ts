// The digest's records in the store: one row per (platform, channel, local date) recording the
// intent to post and its outcome, and the focus chosen for each date. Both survive restarts,
// which is what makes "at most one digest per channel per day" and the rotation hold.


/**
 * posting: claimed, the post is under way (or the process died during it).
 * posted: delivered. failed: the platform refused it; may be retried.
 * unknown: it may or may not have arrived (interrupted, timed out); never posted again that day.
 */
export type PostStatus = 'posting' | 'posted' | 'failed' | 'unknown';

/** What a digest said about the documents, to tell what changed by the next one. */
export interface DocumentSnapshot {
  file: string;
  title: string;
  hash: string;
}

export interface PostRecord {
  platform: string;
  channel: string;
  localDate: string;
  status: PostStatus;
  attempts: number;
  updatedAt: Date;
  /** Questions and feedback up to this time were reported (set when posted). */
  coveredUntil?: Date;
  nextAttemptAt?: Date;
  error?: string;
  /** The documents as the posted digest saw them. */
  documents?: DocumentSnapshot[];
  /** Who claimed the post ("host|pid|run"): tells a post still under way from one cut off by a crash. */
  owner?: string;
}

export interface FocusRecord {
  localDate: string;
  item: string;
  cycle: number;
}

/** A change to a post's row; `at` becomes its updatedAt. */
export type PostChange = Partial<Omit<PostRecord, 'platform' | 'channel' | 'localDate' | 'updatedAt'>> & { at: Date };

export interface PostKey {
  platform: string;
  channel: string;
  localDate: string;
}

/** The digest's records, kept by the store (SQLite or PostgreSQL) behind this interface. */
export interface DigestRecords {
  get(platform: string, channel: string, localDate: string): Promise<PostRecord | undefined>;
  /**
   * Reads a channel's row for a date and writes what `decide` returns, as one atomic step: while
   * it runs, no other process (replica) can read or change that row, so two cannot both claim a post.
   * `write` creates the row when there is none (then status and attempts are required).
   */
  claim<T>(key: PostKey, decide: (row: PostRecord | undefined) => { write?: PostChange; result: T }): Promise<T>;
  update(platform: string, channel: string, localDate: string, change: PostChange): Promise<void>;
  /** The latest digest posted before a local date, to a channel or (no channel) to any. */
  lastPostedBefore(localDate: string, target?: { platform: string; channel: string }): Promise<PostRecord | undefined>;
  focusOn(localDate: string): Promise<FocusRecord | undefined>;
  /** The most recent focus before a date, and every item shown in its cycle before that date. */
  rotationBefore(localDate: string): Promise<{ last?: FocusRecord; shownInCycle: string[] }>;
  saveFocus(focus: FocusRecord, at: Date): Promise<void>;
}

export function digestRecords(store: { readonly digest: DigestRecords }): DigestRecords {
  return store.digest;
}
