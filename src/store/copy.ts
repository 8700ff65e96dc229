// Moving from SQLite to PostgreSQL: every table of the SQLite store in DATA_DIR copied into an
// empty PostgreSQL store, in one transaction. Question ids are kept (feedback buttons on old
// answers carry them), and the id sequence continues after the highest.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { StoreError } from './types.js';
import { openSqliteStore } from './sqlite.js';
import { openPostgresStore } from './postgres.js';

/** Columns copied per table, in SQLite's names; PostgreSQL quotes "user". Flags become booleans. */
const TABLES: { table: string; columns: string[]; flags?: string[] }[] = [
  { table: 'questions', columns: ['id', 'at', 'platform', 'user', 'channel', 'question', 'answered', 'top_passage_id', 'edition', 'audience', 'outcome'], flags: ['answered'] },
  { table: 'feedback', columns: ['question_id', 'at', 'platform', 'user', 'helpful'], flags: ['helpful'] },
  { table: 'events', columns: ['key', 'at'] },
  { table: 'digest_posts', columns: ['platform', 'channel', 'local_date', 'status', 'attempts', 'updated_at', 'covered_until', 'next_attempt_at', 'error', 'documents'] },
  { table: 'digest_focus', columns: ['local_date', 'item', 'cycle', 'chosen_at'] },
];

const BATCH = 500;

export async function copySqliteToPostgres(dataDir: string, databaseUrl: string): Promise<Record<string, number>> {
  const file = path.join(dataDir, 'policy-desk.db');
  if (!fs.existsSync(file)) throw new StoreError(`There is no SQLite store at ${file} (DATA_DIR) to copy.`);
  // Opening each migrates it: an old SQLite file gains its missing columns, PostgreSQL gets the schema.
  await openSqliteStore(dataDir).close();
  await (await openPostgresStore(databaseUrl)).close();

  const source = new Database(file, { readonly: true, fileMustExist: true });
  const target = new pg.Client({ connectionString: databaseUrl });
  await target.connect();
  const copied: Record<string, number> = {};
  try {
    await target.query('BEGIN');
    const { rows } = await target.query<{ n: string }>('SELECT COUNT(*) AS n FROM questions');
    if (Number(rows[0]!.n) > 0) throw new StoreError('The PostgreSQL store at DATABASE_URL already holds questions: copy into an empty database.');
    for (const { table, columns, flags = [] } of TABLES) {
      const all = source.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).all() as Record<string, unknown>[];
      const names = columns.map((c) => (c === 'user' ? '"user"' : c)).join(', ');
      for (let start = 0; start < all.length; start += BATCH) {
        const batch = all.slice(start, start + BATCH);
        const values = batch.flatMap((row) => columns.map((c) => (flags.includes(c) ? row[c] === 1 : row[c])));
        const tuples = batch.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
        await target.query(`INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}`, values);
      }
      copied[table] = all.length;
    }
    // New questions continue after the copied ids.
    await target.query("SELECT setval(pg_get_serial_sequence('questions', 'id'), COALESCE((SELECT MAX(id) FROM questions), 0) + 1, false)");
    await target.query('COMMIT');
    return copied;
  } catch (err) {
    await target.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    source.close();
    await target.end();
  }
}
