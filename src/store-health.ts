// Whether the store is taking writes, as the writes themselves find out. A full disk or a
// read-only database does not stop answers (the person still gets one), so without this it
// would show nowhere but a log line: health reads it, and says the store is failing.

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
  ok(): void;
  failed(err: unknown): void;
  status(): StoreStatus;
}

export function watchStoreWrites(now: () => Date = () => new Date()): StoreWrites {
  let status: StoreStatus = { state: 'ok', failures: 0 };
  return {
    ok() {
      if (status.state !== 'ok') status = { state: 'ok', failures: 0 };
    },
    failed(err) {
      const e = err as { code?: unknown; name?: unknown } | null;
      const lastError = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'Error';
      status = { state: 'failing', since: status.since ?? now().toISOString(), failures: status.failures + 1, lastError };
    },
    status: () => ({ ...status }),
  };
}
