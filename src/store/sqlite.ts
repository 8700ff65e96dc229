// The embedded store: SQLite (better-sqlite3) in DATA_DIR/policy-desk.db. Writes are atomic and
// survive a crash mid-write; one process at a time (several processes on one file work, but
// replicas on several machines need PostgreSQL). better-sqlite3 is synchronous: each method
// resolves at once.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, type Store } from './types.js';
import type { DigestRecords, PostChange } from '../digest/records.js';
import type { Logger } from '../log.js';
import { LEGACY_SQLITE_COLUMNS, MIGRATIONS, MIGRATIONS_TABLE_SQL, pending, warnIfNewer, type Migration } from './migrations.js';
import { postColumns, toFeedback, toFocus, toPost, toQuestion, type FeedbackRow, type FocusRow, type PostRow, type QuestionRow } from './rows.js';

const EVENT_KEEP_MS = 7 * 24 * 3600 * 1000;

/** The SQLite back end; `db` is its connection, for tests that inject faults (a full disk). */
export type SqliteStore = Store & { readonly db: Database.Database };

export function openSqliteStore(dataDir: string, log?: Logger, migrations: readonly Migration[] = MIGRATIONS): SqliteStore {
  const file = dataDir === ':memory:' ? ':memory:' : path.join(dataDir, 'policy-desk.db');
  let db: Database.Database;
  try {
    if (file !== ':memory:') fs.mkdirSync(dataDir, { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Another process on the same file may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations, log);
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
  const feedbackFor = db.prepare('SELECT * FROM feedback WHERE question_id = ? ORDER BY id');
  const insertEvent = db.prepare('INSERT OR IGNORE INTO events (key, at) VALUES (?, ?)');
  const pruneEvents = db.prepare('DELETE FROM events WHERE at < ?');
  let claimsSincePrune = 0;

  return {
    backend: 'sqlite',
    where: file,
    db,
    async logQuestion(q) {
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
    async question(id) {
      const row = selectQuestion.get(id) as QuestionRow | undefined;
      return row ? toQuestion(row) : undefined;
    },
    async questionsSince(since) {
      return (selectSince.all(since.toISOString()) as QuestionRow[]).map(toQuestion);
    },
    async recordFeedback(f) {
      insertFeedback.run(f.questionId, (f.at ?? new Date()).toISOString(), f.platform, f.user ?? null, f.helpful ? 1 : 0);
    },
    async feedbackSince(since) {
      const row = countFeedback.get(since.toISOString()) as { helpful: number; notHelpful: number };
      return { helpful: Number(row.helpful), notHelpful: Number(row.notHelpful) };
    },
    async feedbackFor(questionId) {
      return (feedbackFor.all(questionId) as FeedbackRow[]).map(toFeedback);
    },
    async claimEvent(key, at = new Date()) {
      // Redeliveries come within minutes; a week of keys is plenty and keeps the table small.
      if (++claimsSincePrune >= 1000) {
        claimsSincePrune = 0;
        pruneEvents.run(new Date(at.getTime() - EVENT_KEEP_MS).toISOString());
      }
      return insertEvent.run(key, at.toISOString()).changes === 1;
    },
    digest: digestRecords(db),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    health: () => ({ backend: 'sqlite', state: 'ok', failures: 0, pendingWrites: 0, droppedWrites: 0 }),
    async close() {
      if (db.open) db.close();
    },
  };
}

/**
 * Applies the pending migrations in one transaction that takes the write lock first, so two
 * processes opening the same file at once do not both apply them.
 */
function migrate(db: Database.Database, migrations: readonly Migration[], log?: Logger): void {
  db.transaction(() => {
    const legacy = !tableExists(db, 'schema_migrations') && tableExists(db, 'questions');
    db.exec(MIGRATIONS_TABLE_SQL);
    const applied = (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version);
    warnIfNewer(applied, migrations, log);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of pending(applied, migrations)) {
      db.exec(m.sqlite);
      if (m.version === 1 && legacy) adoptLegacyFile(db);
      record.run(m.version, m.name, new Date().toISOString());
      log?.info('store migrated', { backend: 'sqlite', version: m.version, name: m.name });
    }
  }).immediate();
}

/** A file from before numbered migrations: add the columns the old store added when missing. */
function adoptLegacyFile(db: Database.Database): void {
  for (const { table, column, type } of LEGACY_SQLITE_COLUMNS) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function digestRecords(db: Database.Database): DigestRecords {
  const select = db.prepare('SELECT * FROM digest_posts WHERE platform = ? AND channel = ? AND local_date = ?');
  const lastForChannel = db.prepare(
    "SELECT * FROM digest_posts WHERE status = 'posted' AND local_date < ? AND platform = ? AND channel = ? ORDER BY local_date DESC LIMIT 1",
  );
  const lastAny = db.prepare("SELECT * FROM digest_posts WHERE status = 'posted' AND local_date < ? ORDER BY local_date DESC, covered_until DESC LIMIT 1");
  const focusOn = db.prepare('SELECT * FROM digest_focus WHERE local_date = ?');
  const lastFocus = db.prepare('SELECT * FROM digest_focus WHERE local_date < ? ORDER BY local_date DESC LIMIT 1');
  const inCycle = db.prepare('SELECT item FROM digest_focus WHERE cycle = ? AND local_date < ? ORDER BY local_date');
  const saveFocus = db.prepare('INSERT OR REPLACE INTO digest_focus (local_date, item, cycle, chosen_at) VALUES (?, ?, ?, ?)');

  const get = (platform: string, channel: string, date: string) => toPost(select.get(platform, channel, date) as PostRow | undefined);
  const update = (platform: string, channel: string, date: string, change: PostChange) => {
    const pairs = postColumns(change);
    db.prepare(`UPDATE digest_posts SET ${pairs.map(([c]) => `${c} = ?`).join(', ')} WHERE platform = ? AND channel = ? AND local_date = ?`).run(
      ...pairs.map(([, v]) => v),
      platform,
      channel,
      date,
    );
  };
  const insert = (key: { platform: string; channel: string; localDate: string }, change: PostChange) => {
    const pairs = postColumns({ attempts: 0, ...change });
    const columns = ['platform', 'channel', 'local_date', ...pairs.map(([c]) => c)];
    db.prepare(`INSERT INTO digest_posts (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(key.platform, key.channel, key.localDate, ...pairs.map(([, v]) => v));
  };

  return {
    get: async (platform, channel, date) => get(platform, channel, date),
    async claim(key, decide) {
      // IMMEDIATE: the write lock is taken before the read, so no other process reads the same state.
      return db.transaction(() => {
        const row = get(key.platform, key.channel, key.localDate);
        const { write, result } = decide(row);
        if (write) (row ? update(key.platform, key.channel, key.localDate, write) : insert(key, write));
        return result;
      }).immediate();
    },
    update: async (platform, channel, date, change) => update(platform, channel, date, change),
    lastPostedBefore: async (date, target) => toPost((target ? lastForChannel.get(date, target.platform, target.channel) : lastAny.get(date)) as PostRow | undefined),
    focusOn: async (date) => toFocus(focusOn.get(date) as FocusRow | undefined),
    async rotationBefore(date) {
      const last = toFocus(lastFocus.get(date) as FocusRow | undefined);
      const shownInCycle = last ? (inCycle.all(last.cycle, date) as { item: string }[]).map((r) => r.item) : [];
      return { last, shownInCycle };
    },
    async saveFocus(focus, at) {
      saveFocus.run(focus.localDate, focus.item, focus.cycle, at.toISOString());
    },
  };
}
