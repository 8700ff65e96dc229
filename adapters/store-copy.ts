// npm run store:copy: copies the SQLite store in DATA_DIR into the empty PostgreSQL store at
// DATABASE_URL (see docs/deploy.md, "Moving from SQLite to PostgreSQL"). Stop Policy Desk first.

import { ConfigError, readConfig } from '../src/config.js';
import { copySqliteToPostgres } from '../src/store/copy.js';
import { StoreError } from '../src/store.js';

try {
  const config = readConfig();
  if (!config.databaseUrl) throw new StoreError('Set DATABASE_URL to the PostgreSQL database to copy the SQLite store into.');
  if (config.dataDir === ':memory:') throw new StoreError('DATA_DIR is :memory:, so there is no SQLite store to copy.');
  const copied = await copySqliteToPostgres(config.dataDir, config.databaseUrl);
  for (const [table, rows] of Object.entries(copied)) process.stdout.write(`${table}: ${rows} rows\n`);
  process.stdout.write('Copied. Set DATABASE_URL in .env and start Policy Desk.\n');
} catch (err) {
  const known = err instanceof StoreError || err instanceof ConfigError;
  process.stderr.write(`The store was not copied.\n${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}\n`);
  process.exit(1);
}
