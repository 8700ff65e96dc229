// A full disk: SQLite refuses every write (SQLITE_FULL, the error a full disk gives, made real
// here by capping the database's size). Questions are still answered; the log says so once a
// minute, not twice per question; /healthz names the store until writes work again.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import { healthReport } from '../../src/health.js';
import { createLogger } from '../../src/log.js';
import type { Store } from '../../src/store.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';
import { resilient } from '../../src/store/resilient.js';
import { tinySeeds, TINY_QUESTION } from '../fakes/tiny-seeds.js';
import { startHarness, type Harness } from '../slack/harness.js';

const seeds = tinySeeds();
let dataDir: string;
/** SQLite itself, to fill its file; the desk gets it as openStore would hand it over. */
let backend: SqliteStore;
let store: Store;
let desk: Desk;
let h: Harness;
/** The core's log lines (the harness keeps the Slack adapter's). */
const deskLogs: string[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-desk-full-'));
  const log = createLogger({ level: 'debug', write: (l) => deskLogs.push(l) });
  backend = openSqliteStore(dataDir);
  store = resilient(backend, { log, pingEveryMs: 50, retryMaxDelayMs: 200 });
  desk = await openDesk({ seedsDir: seeds.dir, store, log });
  h = await startHarness('socket', { desk });
});
afterAll(async () => {
  await h?.close();
  await desk?.close();
  seeds.remove();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Fills the database file to its cap, so that every further write fails for real. */
async function fillDisk(): Promise<void> {
  backend.db.pragma(`max_page_count = ${backend.db.pragma('page_count', { simple: true })}`);
  const fill = async (write: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 100_000; i++) {
      try {
        await write(i);
      } catch (err) {
        expect((err as { code?: string }).code).toBe('SQLITE_FULL');
        return;
      }
    }
    throw new Error('the store never filled up');
  };
  // Big rows, then small ones into whatever room is left in each table's last page.
  for (const size of [40, 4, 1]) {
    await fill(() => backend.logQuestion({ platform: 'test', question: 'filler '.repeat(size), answered: false }));
    await fill((i) => backend.claimEvent(`filler:${size}:${i}:${'x'.repeat(size)}`));
  }
}

const report = () => healthReport({ desk, platforms: [{ name: 'slack', status: h.slack.status() }], now: new Date() });

describe('a full disk', () => {
  it('answers every question, logs each kind of failure once rather than per question, and shows in /healthz', async () => {
    expect(report().body.storeWrites).toEqual({ state: 'ok', failures: 0 });
    await fillDisk();
    const before = h.logs.length;
    const deskBefore = deskLogs.length;
    const asked = [];
    for (let i = 0; i < 20; i++) asked.push(await h.command({ text: `${TINY_QUESTION} (${i})` }));
    await vi.waitFor(() => expect(h.fake.responses.length).toBeGreaterThanOrEqual(asked.length), { timeout: 10_000 });
    // Everyone got their answer, not an apology.
    for (const r of h.fake.responses) expect(JSON.stringify(r.body)).toContain('quokka');

    const failures = [...h.logs.slice(before), ...deskLogs.slice(deskBefore)].filter((l) => / (warn|error) /.test(l));
    expect(failures.map((l) => l.replace(/^\S+ /, '').slice(0, 60))).toEqual([
      expect.stringMatching(/^error store unreachable: answering without it/),
      expect.stringMatching(/^warn {2}event claims not shared/),
    ]);

    // Two writes fail per question: the delivery claim and the question log.
    const full = report();
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ degraded: ['store'], storeWrites: { state: 'failing', failures: 40, lastError: 'SQLITE_FULL', since: expect.any(String) } });

    // Space again: the next question is logged, and health says the store is fine.
    backend.db.pragma('max_page_count = 1073741823');
    const sent = await h.command({ text: TINY_QUESTION });
    await vi.waitFor(() => expect(h.fake.responses.some((r) => r.id === sent.response_url.split('/').pop())).toBe(true), { timeout: 5000 });
    expect(report().body.storeWrites).toEqual({ state: 'ok', failures: 0 });
    expect(report().body.store).toMatchObject({ backend: 'sqlite', state: 'ok' });
    expect(report().body.degraded).toBeUndefined();
    // The questions asked meanwhile waited, and are in the log now.
    await vi.waitFor(() => expect(store.health().pendingWrites).toBe(0), { timeout: 10_000 });
    expect((await store.questionsSince(new Date(0))).filter((q) => q.question.startsWith(TINY_QUESTION))).toHaveLength(asked.length + 1);
  });
});
