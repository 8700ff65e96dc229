// The store: see src/store/types.ts for what it keeps. openStore picks the back end: SQLite under
// DATA_DIR, or PostgreSQL at DATABASE_URL, behind the fallbacks of src/store/resilient.ts.

import type { Logger } from './log.js';
import type { Store } from './store/types.js';

export * from './store/types.js';

export interface StoreOptions {
  /** SQLite's folder (policy-desk.db inside it), or ":memory:". Used when databaseUrl is unset. */
  dataDir: string;
  /** postgres://… : the shared PostgreSQL store instead of SQLite. */
  databaseUrl?: string;
  log?: Logger;
  /** Timings of the fallbacks while the database is away (tests shorten them). */
  resilience?: Partial<import('./store/resilient.js').ResilienceOptions>;
}

/** Opens (creating and migrating if needed) the configured store. Throws StoreError, naming the variable. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const { resilient } = await import('./store/resilient.js');
  const backend = options.databaseUrl
    ? await (await import('./store/postgres.js')).openPostgresStore(options.databaseUrl, options.log)
    : (await import('./store/sqlite.js')).openSqliteStore(options.dataDir, options.log);
  return resilient(backend, { log: options.log, ...options.resilience });
}
