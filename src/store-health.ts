// Whether the store is taking writes, as the writes themselves find out (src/store/resilient.ts
// sees every one). A full disk or a read-only database does not stop answers (the person still
// gets one), so without this it would show nowhere but a log line: health reads it, and says the
// store is failing.

import type { Store } from './store.js';

export interface StoreStatus {
  state: 'ok' | 'failing';
  /** When writes began failing (unset while ok). */
  since?: string;
  /** Writes that failed since the last one that worked. */
  failures: number;
  /** The last failure's error code (e.g. SQLITE_FULL) or name: never a value that was written. */
  lastError?: string;
}

export interface StoreWrites {
  status(): StoreStatus;
}

export function storeWritesOf(store: Pick<Store, 'health'>): StoreWrites {
  return {
    status() {
      const health = store.health();
      if (health.state === 'ok') return { state: 'ok', failures: 0 };
      return { state: 'failing', since: health.since, failures: health.failures, lastError: health.lastError };
    },
  };
}
