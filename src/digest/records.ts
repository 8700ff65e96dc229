// The digest's own tables in the store: one row per (platform, channel, local date) recording the
// intent to post and its outcome, and the focus chosen for each date. Both survive restarts,
// which is what makes "at most one digest per channel per day" and the rotation hold.

import type Database from 'better-sqlite3';
import type { Store } from '../store.js';

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

export interface DigestRecords {
  get(platform: string, channel: string, localDate: string): PostRecord | undefined;
  insert(row: { platform: string; channel: string; localDate: string; status: PostStatus; attempts: number; at: Date; owner?: string }): void;
  update(platform: string, channel: string, localDate: string, change: Partial<Omit<PostRecord, 'platform' | 'channel' | 'localDate'>> & { at: Date }): void;
  /** The latest digest posted before a local date, to a channel or (no channel) to any. */
  lastPostedBefore(localDate: string, target?: { platform: string; channel: string }): PostRecord | undefined;
  /** Runs fn in a transaction that takes the write lock first, so two processes cannot both claim a post. */
  exclusive<T>(fn: () => T): T;
  focusOn(localDate: string): FocusRecord | undefined;
  /** The most recent focus before a date, and every item shown in its cycle before that date. */
  rotationBefore(localDate: string): { last?: FocusRecord; shownInCycle: string[] };
  saveFocus(focus: FocusRecord, at: Date): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS digest_posts (
  platform TEXT NOT NULL,
  channel TEXT NOT NULL,
  local_date TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  covered_until TEXT,
  next_attempt_at TEXT,
  error TEXT,
  documents TEXT,
  owner TEXT,
  PRIMARY KEY (platform, channel, local_date)
);
CREATE TABLE IF NOT EXISTS digest_focus (
  local_date TEXT PRIMARY KEY,
  item TEXT NOT NULL,
  cycle INTEGER NOT NULL,
  chosen_at TEXT NOT NULL
);
`;

const opened = new WeakMap<Database.Database, DigestRecords>();

export function digestRecords(store: Store): DigestRecords {
  const existing = opened.get(store.db);
  if (existing) return existing;
  const records = open(store.db);
  opened.set(store.db, records);
  return records;
}

function open(db: Database.Database): DigestRecords {
  db.exec(SCHEMA);
  // Stores made before claims named their owner.
  if (!(db.prepare('PRAGMA table_info(digest_posts)').all() as { name: string }[]).some((c) => c.name === 'owner')) db.exec('ALTER TABLE digest_posts ADD COLUMN owner TEXT');
  const select = db.prepare('SELECT * FROM digest_posts WHERE platform = ? AND channel = ? AND local_date = ?');
  const insert = db.prepare('INSERT INTO digest_posts (platform, channel, local_date, status, attempts, updated_at, owner) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const lastForChannel = db.prepare(
    "SELECT * FROM digest_posts WHERE status = 'posted' AND local_date < ? AND platform = ? AND channel = ? ORDER BY local_date DESC LIMIT 1",
  );
  const lastAny = db.prepare("SELECT * FROM digest_posts WHERE status = 'posted' AND local_date < ? ORDER BY local_date DESC, covered_until DESC LIMIT 1");
  const focusOn = db.prepare('SELECT * FROM digest_focus WHERE local_date = ?');
  const lastFocus = db.prepare('SELECT * FROM digest_focus WHERE local_date < ? ORDER BY local_date DESC LIMIT 1');
  const inCycle = db.prepare('SELECT item FROM digest_focus WHERE cycle = ? AND local_date < ? ORDER BY local_date');
  const saveFocus = db.prepare('INSERT OR REPLACE INTO digest_focus (local_date, item, cycle, chosen_at) VALUES (?, ?, ?, ?)');

  const columns: Record<string, string> = {
    status: 'status',
    attempts: 'attempts',
    coveredUntil: 'covered_until',
    nextAttemptAt: 'next_attempt_at',
    error: 'error',
    documents: 'documents',
    owner: 'owner',
  };

  return {
    get: (platform, channel, date) => toPost(select.get(platform, channel, date) as PostRow | undefined),
    insert(row) {
      insert.run(row.platform, row.channel, row.localDate, row.status, row.attempts, row.at.toISOString(), row.owner ?? null);
    },
    update(platform, channel, date, change) {
      const sets = ['updated_at = ?'];
      const values: unknown[] = [change.at.toISOString()];
      for (const [key, column] of Object.entries(columns)) {
        if (!(key in change)) continue;
        const value = change[key as keyof typeof change];
        sets.push(`${column} = ?`);
        values.push(value === undefined ? null : value instanceof Date ? value.toISOString() : Array.isArray(value) ? JSON.stringify(value) : value);
      }
      db.prepare(`UPDATE digest_posts SET ${sets.join(', ')} WHERE platform = ? AND channel = ? AND local_date = ?`).run(...values, platform, channel, date);
    },
    lastPostedBefore: (date, target) => toPost((target ? lastForChannel.get(date, target.platform, target.channel) : lastAny.get(date)) as PostRow | undefined),
    exclusive: (fn) => db.transaction(fn).immediate(),
    focusOn: (date) => toFocus(focusOn.get(date) as FocusRow | undefined),
    rotationBefore(date) {
      const last = toFocus(lastFocus.get(date) as FocusRow | undefined);
      const shownInCycle = last ? (inCycle.all(last.cycle, date) as { item: string }[]).map((r) => r.item) : [];
      return { last, shownInCycle };
    },
    saveFocus(focus, at) {
      saveFocus.run(focus.localDate, focus.item, focus.cycle, at.toISOString());
    },
  };
}

interface PostRow {
  platform: string;
  channel: string;
  local_date: string;
  status: PostStatus;
  attempts: number;
  updated_at: string;
  covered_until: string | null;
  next_attempt_at: string | null;
  error: string | null;
  documents: string | null;
  owner: string | null;
}

interface FocusRow {
  local_date: string;
  item: string;
  cycle: number;
}

function toPost(row: PostRow | undefined): PostRecord | undefined {
  if (!row) return undefined;
  return {
    platform: row.platform,
    channel: row.channel,
    localDate: row.local_date,
    status: row.status,
    attempts: row.attempts,
    updatedAt: new Date(row.updated_at),
    coveredUntil: row.covered_until ? new Date(row.covered_until) : undefined,
    nextAttemptAt: row.next_attempt_at ? new Date(row.next_attempt_at) : undefined,
    error: row.error ?? undefined,
    documents: row.documents ? (JSON.parse(row.documents) as DocumentSnapshot[]) : undefined,
    owner: row.owner ?? undefined,
  };
}

function toFocus(row: FocusRow | undefined): FocusRecord | undefined {
  return row ? { localDate: row.local_date, item: row.item, cycle: row.cycle } : undefined;
}
