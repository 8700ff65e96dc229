// The shared store: PostgreSQL at DATABASE_URL, through node-postgres' Pool. Any number of Policy
// Desk processes may use one database: event claims are single INSERTs that only one can win
// (ON CONFLICT DO NOTHING), and a digest claim runs under a transaction-scoped advisory lock on
// its (platform, channel, date), so only one process reads and moves a post's state at a time.
// The Pool reconnects by itself: a connection lost while the database restarts is replaced on
// the next query.

import pg from 'pg';
import { StoreError, type Store } from './types.js';
import type { DigestRecords, PostChange, PostKey } from '../digest/records.js';
import type { Logger } from '../log.js';
import { MIGRATIONS, MIGRATIONS_TABLE_SQL, pending, warnIfNewer, type Migration } from './migrations.js';
import { postColumns, toFeedback, toFocus, toPost, toQuestion, type FeedbackRow, type FocusRow, type PostRow, type QuestionRow } from './rows.js';

const EVENT_KEEP_MS = 7 * 24 * 3600 * 1000;
/** Any fixed number: the advisory lock replicas take while one of them migrates. */
const MIGRATION_LOCK = 1_301_013;

/** host:port/database, with no user or password: for messages and /healthz. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return 'DATABASE_URL';
  }
}

export async function openPostgresStore(url: string, log?: Logger, migrations: readonly Migration[] = MIGRATIONS): Promise<Store> {
  const where = describeDatabaseUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Fail fast while the database is away: the callers have fallbacks and must not hang on it.
    connectionTimeoutMillis: 3_000,
    query_timeout: 10_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // An idle connection dropped by the server (a restart) is reported here; without a listener it would crash the process.
  pool.on('error', (err) => log?.warn('a PostgreSQL connection was lost; the pool opens a new one when needed', { err: scrub(err, url).message }));

  try {
    await migrate(pool, migrations, log);
  } catch (err) {
    await pool.end().catch(() => {});
    const e = err as NodeJS.ErrnoException;
    throw new StoreError(`Cannot open the PostgreSQL store at ${where} (DATABASE_URL): ${e.code ? `${e.code} ` : ''}${scrub(e, url).message}`);
  }

  const query = async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> => (await pool.query<R>(sql, values)).rows;
  let claimsSincePrune = 0;

  return {
    backend: 'postgres',
    where,
    async logQuestion(q) {
      const [row] = await query<{ id: string }>(
        `INSERT INTO questions (at, platform, "user", channel, question, answered, top_passage_id, edition, audience, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [(q.at ?? new Date()).toISOString(), q.platform, q.user ?? null, q.channel ?? null, q.question, q.answered, q.topPassageId ?? null, q.edition ?? null, q.audience ?? 'private', q.outcome ?? (q.answered ? 'high' : 'none')],
      );
      return Number(row!.id);
    },
    async question(id) {
      if (!Number.isSafeInteger(id)) return undefined;
      const [row] = await query<QuestionRow>('SELECT * FROM questions WHERE id = $1', [id]);
      return row ? toQuestion(row) : undefined;
    },
    async questionsSince(since) {
      return (await query<QuestionRow>('SELECT * FROM questions WHERE at >= $1 ORDER BY id', [since.toISOString()])).map(toQuestion);
    },
    async recordFeedback(f) {
      await query(
        `INSERT INTO feedback (question_id, at, platform, "user", helpful) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (question_id, "user") DO UPDATE SET at = excluded.at, platform = excluded.platform, helpful = excluded.helpful`,
        [f.questionId, (f.at ?? new Date()).toISOString(), f.platform, f.user ?? null, f.helpful],
      );
    },
    async feedbackSince(since) {
      const [row] = await query<{ helpful: string; not_helpful: string }>(
        'SELECT COUNT(*) FILTER (WHERE helpful) AS helpful, COUNT(*) FILTER (WHERE NOT helpful) AS not_helpful FROM feedback WHERE at >= $1',
        [since.toISOString()],
      );
      return { helpful: Number(row!.helpful), notHelpful: Number(row!.not_helpful) };
    },
    async feedbackFor(questionId) {
      return (await query<FeedbackRow>('SELECT * FROM feedback WHERE question_id = $1 ORDER BY id', [questionId])).map(toFeedback);
    },
    async claimEvent(key, at = new Date()) {
      if (++claimsSincePrune >= 1000) {
        claimsSincePrune = 0;
        await query('DELETE FROM events WHERE at < $1', [new Date(at.getTime() - EVENT_KEEP_MS).toISOString()]);
      }
      const result = await pool.query('INSERT INTO events (key, at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, at.toISOString()]);
      return result.rowCount === 1;
    },
    digest: digestRecords(pool, query),
    async ping() {
      await pool.query('SELECT 1');
    },
    health: () => ({ backend: 'postgres', state: 'ok', failures: 0, pendingWrites: 0, droppedWrites: 0 }),
    async close() {
      await pool.end();
    },
  };
}

async function migrate(pool: pg.Pool, migrations: readonly Migration[], log?: Logger): Promise<void> {
  await transaction(pool, async (client) => {
    // Replicas starting together: one migrates, the others wait here and then find nothing to do.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(MIGRATIONS_TABLE_SQL);
    const applied = (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version);
    warnIfNewer(applied, migrations, log);
    for (const m of pending(applied, migrations)) {
      await client.query(m.postgres);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
      log?.info('store migrated', { backend: 'postgres', version: m.version, name: m.name });
    }
  });
}

async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    // A connection in an unknown state is not handed out again.
    client.release(true);
    throw err;
  }
}

function digestRecords(pool: pg.Pool, query: <R extends pg.QueryResultRow>(sql: string, values?: unknown[]) => Promise<R[]>): DigestRecords {
  const where = 'platform = $1 AND channel = $2 AND local_date = $3';
  const update = (run: (sql: string, values: unknown[]) => Promise<unknown>, key: PostKey, change: PostChange) => {
    const pairs = postColumns(change);
    return run(`UPDATE digest_posts SET ${pairs.map(([c], i) => `${c} = $${i + 4}`).join(', ')} WHERE ${where}`, [key.platform, key.channel, key.localDate, ...pairs.map(([, v]) => v)]);
  };
  const insert = (run: (sql: string, values: unknown[]) => Promise<unknown>, key: PostKey, change: PostChange) => {
    const pairs = postColumns({ attempts: 0, ...change });
    const columns = ['platform', 'channel', 'local_date', ...pairs.map(([c]) => c)];
    return run(`INSERT INTO digest_posts (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, [key.platform, key.channel, key.localDate, ...pairs.map(([, v]) => v)]);
  };
  const poolRun = (sql: string, values: unknown[]) => pool.query(sql, values);

  return {
    get: async (platform, channel, date) => toPost((await query<PostRow>(`SELECT * FROM digest_posts WHERE ${where}`, [platform, channel, date]))[0]),
    claim: (key, decide) =>
      transaction(pool, async (client) => {
        // Locks the key whether or not its row exists yet (a row lock needs the row); released at COMMIT.
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`digest:${key.platform}:${key.channel}:${key.localDate}`]);
        const row = toPost((await client.query<PostRow>(`SELECT * FROM digest_posts WHERE ${where}`, [key.platform, key.channel, key.localDate])).rows[0]);
        const { write, result } = decide(row);
        const run = (sql: string, values: unknown[]) => client.query(sql, values);
        if (write) await (row ? update(run, key, write) : insert(run, key, write));
        return result;
      }),
    update: async (platform, channel, localDate, change) => void (await update(poolRun, { platform, channel, localDate }, change)),
    async lastPostedBefore(date, target) {
      const rows = target
        ? await query<PostRow>("SELECT * FROM digest_posts WHERE status = 'posted' AND local_date < $1 AND platform = $2 AND channel = $3 ORDER BY local_date DESC LIMIT 1", [date, target.platform, target.channel])
        : await query<PostRow>("SELECT * FROM digest_posts WHERE status = 'posted' AND local_date < $1 ORDER BY local_date DESC, covered_until DESC NULLS LAST LIMIT 1", [date]);
      return toPost(rows[0]);
    },
    focusOn: async (date) => toFocus((await query<FocusRow>('SELECT * FROM digest_focus WHERE local_date = $1', [date]))[0]),
    async rotationBefore(date) {
      const last = toFocus((await query<FocusRow>('SELECT * FROM digest_focus WHERE local_date < $1 ORDER BY local_date DESC LIMIT 1', [date]))[0]);
      const shownInCycle = last ? (await query<{ item: string }>('SELECT item FROM digest_focus WHERE cycle = $1 AND local_date < $2 ORDER BY local_date', [last.cycle, date])).map((r) => r.item) : [];
      return { last, shownInCycle };
    },
    async saveFocus(focus, at) {
      await query(
        `INSERT INTO digest_focus (local_date, item, cycle, chosen_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (local_date) DO UPDATE SET item = excluded.item, cycle = excluded.cycle, chosen_at = excluded.chosen_at`,
        [focus.localDate, focus.item, focus.cycle, at.toISOString()],
      );
    },
  };
}

/** The error with the URL's password taken out of its message, should a driver ever echo it. */
function scrub(err: Error, url: string): Error {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // Not a URL: nothing to take out beyond the URL itself.
  }
  let message = String(err?.message ?? err).split(url).join('DATABASE_URL');
  if (password.length >= 1) message = message.split(password).join('[redacted]');
  return Object.assign(new Error(message), { code: (err as NodeJS.ErrnoException).code });
}
