// The embedded store: the question log, feedback, and the record of events already answered.
// SQLite (better-sqlite3) rather than JSON files: writes are atomic and survive a crash mid-write.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Audience } from './types.js';

/** How well the documents answered a question: fully, in part ("closest"), or not at all. */
export type Outcome = 'high' | 'partial' | 'none';

export interface QuestionRecord {
  id: number;
  at: string;
  platform: string;
  user: string | null;
  channel: string | null;
  question: string;
  answered: boolean;
  topPassageId: string | null;
  /** Edition of the documents the answer came from. */
  edition: string | null;
  /** Where it was asked; rows from before this was kept count as private. */
  audience: Audience;
  outcome: Outcome;
}

export interface NewQuestion {
  platform: string;
  user?: string;
  channel?: string;
  question: string;
  answered: boolean;
  topPassageId?: string;
  edition?: string;
  /** Unset: private (the digest then counts the question but never quotes it). */
  audience?: Audience;
  /** Unset: derived from answered. */
  outcome?: Outcome;
  at?: Date;
}

export interface FeedbackCounts {
  helpful: number;
  notHelpful: number;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

export interface Store {
  readonly file: string;
  /** For modules that keep tables of their own (the digest); they create them with IF NOT EXISTS. */
  readonly db: Database.Database;
  logQuestion(q: NewQuestion): number;
  question(id: number): QuestionRecord | undefined;
  questionsSince(since: Date): QuestionRecord[];
  recordFeedback(f: { questionId: number; helpful: boolean; platform: string; user?: string; at?: Date }): void;
  feedbackSince(since: Date): FeedbackCounts;
  /**
   * Remember that an event was handled. Returns false when it had been seen already:
   * platforms redeliver (Slack retries, Discord resumes) and each event must be answered once.
   */
  claimEvent(key: string, at?: Date): boolean;
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS questions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  platform TEXT NOT NULL,
  user TEXT,
  channel TEXT,
  question TEXT NOT NULL,
  answered INTEGER NOT NULL,
  top_passage_id TEXT
);
CREATE INDEX IF NOT EXISTS questions_at ON questions(at);
CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  question_id INTEGER NOT NULL REFERENCES questions(id),
  at TEXT NOT NULL,
  platform TEXT NOT NULL,
  user TEXT,
  helpful INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_at ON feedback(at);
-- One vote per person per answer: a second click changes the vote, it does not add one.
CREATE UNIQUE INDEX IF NOT EXISTS feedback_once ON feedback(question_id, user);
CREATE TABLE IF NOT EXISTS events (
  key TEXT PRIMARY KEY,
  at TEXT NOT NULL
);
`;

/** Opens (creating if needed) the store at DATA_DIR/policy-desk.db, or in memory for ":memory:". */
export function openStore(dataDir: string): Store {
  const file = dataDir === ':memory:' ? ':memory:' : path.join(dataDir, 'policy-desk.db');
  let db: Database.Database;
  try {
    if (file !== ':memory:') fs.mkdirSync(dataDir, { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.exec(SCHEMA);
    addColumnIfMissing(db, 'questions', 'edition', 'TEXT');
    // columns: audience, outcome (issue 12/10)
    addColumnIfMissing(db, 'questions', 'audience', 'TEXT');
    addColumnIfMissing(db, 'questions', 'outcome', 'TEXT');
  } catch (err) {
    throw new StoreError(`Cannot open the store at ${file} (DATA_DIR): ${(err as Error).message}`);
  }

  const insertQuestion = db.prepare(
    'INSERT INTO questions (at, platform, user, channel, question, answered, top_passage_id, edition, audience, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const selectQuestion = db.prepare('SELECT * FROM questions WHERE id = ?');
  const selectSince = db.prepare('SELECT * FROM questions WHERE at >= ? ORDER BY id');
  const insertFeedback = db.prepare(
    `INSERT INTO feedback (question_id, at, platform, user, helpful) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (question_id, user) DO UPDATE SET at = excluded.at, platform = excluded.platform, helpful = excluded.helpful`,
  );
  const countFeedback = db.prepare(
    'SELECT COALESCE(SUM(helpful), 0) AS helpful, COALESCE(SUM(1 - helpful), 0) AS notHelpful FROM feedback WHERE at >= ?',
  );
  const insertEvent = db.prepare('INSERT OR IGNORE INTO events (key, at) VALUES (?, ?)');
  const pruneEvents = db.prepare('DELETE FROM events WHERE at < ?');
  let claimsSincePrune = 0;

  return {
    file,
    db,
    logQuestion(q) {
      const info = insertQuestion.run(
        (q.at ?? new Date()).toISOString(),
        q.platform,
        q.user ?? null,
        q.channel ?? null,
        q.question,
        q.answered ? 1 : 0,
        q.topPassageId ?? null,
        q.edition ?? null,
        q.audience ?? 'private',
        q.outcome ?? (q.answered ? 'high' : 'none'),
      );
      return Number(info.lastInsertRowid);
    },
    question(id) {
      const row = selectQuestion.get(id) as Row | undefined;
      return row ? toRecord(row) : undefined;
    },
    questionsSince(since) {
      return (selectSince.all(since.toISOString()) as Row[]).map(toRecord);
    },
    recordFeedback(f) {
      insertFeedback.run(f.questionId, (f.at ?? new Date()).toISOString(), f.platform, f.user ?? null, f.helpful ? 1 : 0);
    },
    feedbackSince(since) {
      const row = countFeedback.get(since.toISOString()) as FeedbackCounts;
      return { helpful: Number(row.helpful), notHelpful: Number(row.notHelpful) };
    },
    claimEvent(key, at = new Date()) {
      // Redeliveries come within minutes; a week of keys is plenty and keeps the table small.
      if (++claimsSincePrune >= 1000) {
        claimsSincePrune = 0;
        pruneEvents.run(new Date(at.getTime() - 7 * 24 * 3600 * 1000).toISOString());
      }
      return insertEvent.run(key, at.toISOString()).changes === 1;
    },
    close() {
      if (db.open) db.close();
    },
  };
}

interface Row {
  id: number;
  at: string;
  platform: string;
  user: string | null;
  channel: string | null;
  question: string;
  answered: number;
  top_passage_id: string | null;
  edition: string | null;
  audience: string | null;
  outcome: string | null;
}

function toRecord(row: Row): QuestionRecord {
  return {
    id: row.id,
    at: row.at,
    platform: row.platform,
    user: row.user,
    channel: row.channel,
    question: row.question,
    answered: row.answered === 1,
    topPassageId: row.top_passage_id,
    edition: row.edition,
    audience: row.audience === 'public' ? 'public' : 'private',
    outcome: row.outcome === 'high' || row.outcome === 'partial' || row.outcome === 'none' ? row.outcome : row.answered === 1 ? 'high' : 'none',
  };
}

/** Stores made by an earlier version gain the columns added since. */
function addColumnIfMissing(db: Database.Database, table: string, column: string, type: string): void {
  const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
  if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
}
