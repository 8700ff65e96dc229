// The SQLite schema exactly as Policy Desk 0.1.0 created it (src/store.ts and src/digest/records.ts
// before numbered migrations), to make a file such as today's users have and check it opens.

export const SCHEMA_0_1_0 = `
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
CREATE UNIQUE INDEX IF NOT EXISTS feedback_once ON feedback(question_id, user);
CREATE TABLE IF NOT EXISTS events (
  key TEXT PRIMARY KEY,
  at TEXT NOT NULL
);
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
  PRIMARY KEY (platform, channel, local_date)
);
CREATE TABLE IF NOT EXISTS digest_focus (
  local_date TEXT PRIMARY KEY,
  item TEXT NOT NULL,
  cycle INTEGER NOT NULL,
  chosen_at TEXT NOT NULL
);
`;

/** 0.1.0 added this column to files made before it, when missing. */
export const EDITION_COLUMN_0_1_0 = 'ALTER TABLE questions ADD COLUMN edition TEXT';
