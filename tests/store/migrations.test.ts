// Numbered migrations: a SQLite file made by Policy Desk 0.1.0 (before migrations) opens with its
// data; a failed migration leaves the store as it was; both back ends record the same numbers.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../src/store.js';
import { MIGRATIONS, type Migration } from '../../src/store/migrations.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { copySqliteToPostgres } from '../../src/store/copy.js';
import { captureLog } from '../digest/helpers.js';
import { EDITION_COLUMN_0_1_0, SCHEMA_0_1_0 } from './legacy-schema.js';
import { startPostgres, type TestPostgres } from './postgres-server.js';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(async () => server?.close());

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pd-migrate-'));

/** A DATA_DIR holding a store file as 0.1.0 left it, with a question, a vote, a claim and a digest. */
function legacyDataDir(options: { withEdition: boolean }): string {
  const dataDir = tempDir();
  const db = new Database(path.join(dataDir, 'policy-desk.db'));
  db.exec(SCHEMA_0_1_0);
  if (options.withEdition) db.exec(EDITION_COLUMN_0_1_0);
  db.prepare('INSERT INTO questions (at, platform, user, channel, question, answered, top_passage_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run('2026-03-01T10:00:00.000Z', 'slack', 'U1', 'C1', 'What is C143?', 1, 'doc/x/1');
  db.prepare('INSERT INTO feedback (question_id, at, platform, user, helpful) VALUES (1, ?, ?, ?, 1)').run('2026-03-01T10:01:00.000Z', 'slack', 'U2');
  db.prepare('INSERT INTO events (key, at) VALUES (?, ?)').run('slack:message:C1:1.0', '2026-03-01T10:00:00.000Z');
  db.prepare("INSERT INTO digest_posts (platform, channel, local_date, status, attempts, updated_at, covered_until) VALUES ('slack', 'C0DIGEST', '2026-03-02', 'posted', 1, ?, ?)").run('2026-03-02T08:00:00.000Z', '2026-03-02T08:00:00.000Z');
  db.close();
  return dataDir;
}

describe('a SQLite file from before numbered migrations', () => {
  it.each([true, false])('opens with all its data and gains the new columns (edition column present: %s)', async (withEdition) => {
    const dataDir = legacyDataDir({ withEdition });
    const store = await openStore({ dataDir });
    expect(await store.question(1)).toMatchObject({ question: 'What is C143?', answered: true, audience: 'private', outcome: 'high', edition: null });
    expect(await store.feedbackSince(new Date(0))).toEqual({ helpful: 1, notHelpful: 0 });
    expect(await store.claimEvent('slack:message:C1:1.0')).toBe(false);
    expect((await store.digest.get('slack', 'C0DIGEST', '2026-03-02'))?.status).toBe('posted');
    const id = await store.logQuestion({ platform: 'discord', question: 'new', answered: false, audience: 'public', outcome: 'none', edition: 'e1' });
    expect(await store.question(id!)).toMatchObject({ audience: 'public', outcome: 'none', edition: 'e1' });
    await store.close();

    const db = new Database(path.join(dataDir, 'policy-desk.db'), { readonly: true });
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    db.close();
  });
});

const broken: Migration = { version: 2, name: 'broken on purpose', sqlite: 'CREATE TABLE extra (x INTEGER); ALTER TABLE nowhere ADD COLUMN y TEXT;', postgres: 'CREATE TABLE extra (x INTEGER); ALTER TABLE nowhere ADD COLUMN y TEXT;' };
const added: Migration = { version: 2, name: 'a column', sqlite: 'ALTER TABLE questions ADD COLUMN extra TEXT', postgres: 'ALTER TABLE questions ADD COLUMN extra TEXT' };

describe('the SQLite migration runner', () => {
  it('applies pending migrations in order, once, and a failing one changes nothing', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'policy-desk.db');
    await openSqliteStore(dataDir).close();
    expect(() => openSqliteStore(dataDir, undefined, [...MIGRATIONS, broken])).toThrow(StoreError);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toBeUndefined();
    db.close();

    await openSqliteStore(dataDir, undefined, [...MIGRATIONS, added]).close();
    await openSqliteStore(dataDir, undefined, [...MIGRATIONS, added]).close();
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([{ version: 1 }, { version: 2 }]);
    after.close();
  });

  it('warns, and runs, on a store a newer version has migrated', async () => {
    const dataDir = tempDir();
    await openSqliteStore(dataDir, undefined, [...MIGRATIONS, added]).close();
    const { log, lines } = captureLog();
    const store = openSqliteStore(dataDir, log);
    expect(lines.some((l) => l.level === 'warn' && /newer schema/.test(l.msg))).toBe(true);
    expect(await store.claimEvent('x')).toBe(true);
    await store.close();
  });
});

describe('the PostgreSQL migration runner', () => {
  it('records the same numbers as SQLite, and a failing migration changes nothing', async () => {
    const url = await server.database('migrations');
    await (await openPostgresStore(url)).close();
    await expect(openPostgresStore(url, undefined, [...MIGRATIONS, broken])).rejects.toThrow(StoreError);
    const client = new pg.Client(url);
    await client.connect();
    try {
      expect((await client.query('SELECT version FROM schema_migrations ORDER BY version')).rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
      expect((await client.query("SELECT to_regclass('extra') AS t")).rows[0].t).toBeNull();
      await (await openPostgresStore(url, undefined, [...MIGRATIONS, added])).close();
      // Two replicas starting at once: one migrates, the other finds nothing to do.
      await Promise.all([openPostgresStore(url, undefined, [...MIGRATIONS, added]), openPostgresStore(url, undefined, [...MIGRATIONS, added])].map(async (s) => (await s).close()));
      expect((await client.query('SELECT version FROM schema_migrations ORDER BY version')).rows).toEqual([{ version: 1 }, { version: 2 }]);
    } finally {
      await client.end();
    }
  });

  it('replicas starting together on an empty database migrate it once', async () => {
    const url = await server.database('together');
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(url)));
    expect(await Promise.all(stores.map((s, i) => s.claimEvent(`k${i}`)))).toEqual([true, true, true]);
    await Promise.all(stores.map((s) => s.close()));
  });
});

describe('moving from SQLite to PostgreSQL (npm run store:copy)', () => {
  it('copies every table, keeps question ids, continues after them, and refuses a database that has questions', async () => {
    const dataDir = legacyDataDir({ withEdition: true });
    const url = await server.database('copied');
    expect(await copySqliteToPostgres(dataDir, url)).toEqual({ questions: 1, feedback: 1, events: 1, digest_posts: 1, digest_focus: 0 });
    const store = await openStore({ dataDir: ':memory:', databaseUrl: url });
    try {
      expect(await store.question(1)).toMatchObject({ question: 'What is C143?', answered: true, user: 'U1', audience: 'private' });
      expect(await store.feedbackFor(1)).toEqual([{ questionId: 1, at: '2026-03-01T10:01:00.000Z', platform: 'slack', user: 'U2', helpful: true }]);
      expect(await store.claimEvent('slack:message:C1:1.0')).toBe(false);
      expect(await store.digest.get('slack', 'C0DIGEST', '2026-03-02')).toMatchObject({ status: 'posted', coveredUntil: new Date('2026-03-02T08:00:00.000Z') });
      expect(await store.logQuestion({ platform: 'slack', question: 'after the move', answered: false })).toBe(2);
    } finally {
      await store.close();
    }
    await expect(copySqliteToPostgres(dataDir, url)).rejects.toThrow(/already holds questions/);
  });
});
