// A full disk under the SQLite store (SQLITE_FULL, made real by capping the file's size): answers
// go on without a question id, event claims are decided in the process, health says degraded with
// the error code, and once there is room again the waiting question is written and all is well.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openDesk } from '../../src/desk.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { resilient } from '../../src/store/resilient.js';
import { captureLog } from '../digest/helpers.js';
import { ORCHARDS_DIR, ORCHARDS_QUESTION } from '../fixtures/orchards.js';

it('keeps answering on a full disk and recovers when there is room', async () => {
  const backend = openSqliteStore(fs.mkdtempSync(path.join(os.tmpdir(), 'pd-full-')));
  const { log, lines } = captureLog();
  const store = resilient(backend, { log, pingEveryMs: 50, firstWriteMs: 200 });
  const desk = await openDesk({ seedsDir: ORCHARDS_DIR, store, log });
  try {
    backend.db.pragma(`max_page_count = ${backend.db.pragma('page_count', { simple: true })}`);
    // Big rows, then small ones into whatever room is left in each table's last page.
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
    for (const size of [40, 4, 1]) {
      await fill(() => backend.logQuestion({ platform: 'test', question: 'filler '.repeat(size), answered: false }));
      await fill((i) => backend.claimEvent(`filler:${size}:${i}:${'x'.repeat(size)}`));
    }

    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await desk.handle({ type: 'message', text: ORCHARDS_QUESTION, platform: 'test', user: `U-full-${i}` }));
    for (const r of replies) expect([r.answered, r.questionId]).toEqual([true, undefined]);
    expect(await store.claimEvent('slack:on-a-full-disk')).toBe(true);
    expect(await store.claimEvent('slack:on-a-full-disk')).toBe(false);
    expect(store.health()).toMatchObject({ state: 'degraded', lastError: 'SQLITE_FULL' });
    // One story in the log, not a line per question.
    expect(lines.filter((l) => l.level === 'warn' || l.level === 'error').map((l) => l.msg)).toEqual([
      'store unreachable: answering without it (claims kept in memory, question-log writes retried)',
      'event claims not shared (store unreachable): deciding in this process alone',
    ]);

    backend.db.pragma('max_page_count = 1073741823');
    await expect.poll(() => store.health().state, { timeout: 10_000 }).toBe('ok');
    await expect.poll(() => store.health().pendingWrites, { timeout: 10_000 }).toBe(0);
    const written = (await store.questionsSince(new Date(0))).filter((q) => q.user?.startsWith('U-full-'));
    expect(written).toHaveLength(5);
  } finally {
    await desk.close();
  }
}, 30_000);
