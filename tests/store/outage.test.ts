// The database going away and coming back, with a real PostgreSQL stopped and started under a
// running desk: answers go on, claims fall back to the process, question-log writes wait and
// land (or are dropped with a count after the bounded retry), /healthz says degraded, and it all
// recovers by itself. And at start-up, an unreachable database is one clear error.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import { healthReport } from '../../src/health.js';
import { openStore, StoreError, type Store } from '../../src/store.js';
import { captureLog, clock, startWithStub } from '../digest/helpers.js';
import { tinySeeds, TINY_QUESTION } from '../fakes/tiny-seeds.js';
import { startPostgres, type TestPostgres } from './postgres-server.js';

const seeds = tinySeeds();
const SEEDS = seeds.dir;
const QUESTION = TINY_QUESTION;

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(async () => {
  await server?.close();
  seeds.remove();
});

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await probe())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('while the database is away', () => {
  let desk: Desk;
  let store: Store;
  const { log, lines } = captureLog();

  beforeAll(async () => {
    store = await openStore({ dataDir: ':memory:', databaseUrl: await server.database('outage'), log, resilience: { firstWriteMs: 300, claimMs: 500, pingEveryMs: 200, retryForMs: 30_000, retryMaxDelayMs: 500 } });
    desk = await openDesk({ seedsDir: SEEDS, store, log });
  });
  afterAll(() => desk?.close());

  it('answers, decides claims alone, says degraded, and writes the question once it is back', async () => {
    const before = await desk.handle({ type: 'message', text: QUESTION, platform: 'test' });
    expect(before.answered).toBe(true);
    expect(before.questionId).toBeGreaterThan(0);
    expect(await store.claimEvent('slack:before')).toBe(true);

    await server.stop();
    const started = Date.now();
    const during = await desk.handle({ type: 'message', text: QUESTION, platform: 'test', user: 'U-during' });
    // The answer did not wait out the retries: no question id (no feedback buttons), same answer.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(during.answered).toBe(before.answered);
    expect(during.citations[0]?.id).toBe(before.citations[0]?.id);
    expect(during.questionId).toBeUndefined();

    // Claims: this process still answers each event once.
    expect(await store.claimEvent('slack:during')).toBe(true);
    expect(await store.claimEvent('slack:during')).toBe(false);
    expect(await store.claimEvent('slack:before')).toBe(false);

    const health = healthReport({ desk, platforms: [], now: new Date() });
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ degraded: ['store'], store: { backend: 'postgres', state: 'degraded', pendingWrites: 1, lastError: 'ECONNREFUSED' } });
    expect(lines.some((l) => l.level === 'error' && l.msg.startsWith('store unreachable'))).toBe(true);

    // Feedback needs the database: it says so, it does not apologise for a bug.
    const feedback = await desk.handle({ type: 'feedback', questionId: before.questionId!, helpful: true, platform: 'test', user: 'U1' });
    expect(feedback).toMatchObject({ kind: 'error', title: 'Not available right now' });

    await server.start();
    await until('the store to recover', () => store.health().state === 'ok' && store.health().pendingWrites === 0, 20_000);
    expect(lines.some((l) => l.msg === 'store reachable again')).toBe(true);
    expect((await store.questionsSince(new Date(0))).filter((q) => q.user === 'U-during')).toHaveLength(1);
    expect(healthReport({ desk, platforms: [], now: new Date() }).body.degraded).toBeUndefined();
    const after = await desk.handle({ type: 'message', text: QUESTION, platform: 'test' });
    expect(after.questionId).toBeGreaterThan(before.questionId!);
  }, 30_000);
});

it("posts the day's digest once the store is back, when it was away at the scheduled time", async () => {
  const c = clock('2026-03-30T06:00:00Z'); // Monday 08:00 in Berlin: not due yet
  const { log } = captureLog();
  const store = await openStore({ dataDir: ':memory:', databaseUrl: await server.database('digest_outage'), log, resilience: { pingEveryMs: 100 } });
  const desk = await openDesk({ seedsDir: SEEDS, store, now: c.now });
  const { scheduler, platform, lines } = await startWithStub(desk, c, { policy: { platformWaitMs: 300 } });
  try {
    c.set('2026-03-30T07:00:00Z');
    await server.stop();
    const [outcome] = await scheduler.fire();
    expect(outcome).toMatchObject({ result: 'failed', error: 'the store is unreachable' });
    expect(platform.attempts).toBe(0);
    expect(lines.some((l) => l.msg === "today's digest waits for the store to come back")).toBe(true);
    await server.start();
    await until('the digest', () => platform.posts.length === 1);
    await scheduler.idle();
    expect(platform.posts).toHaveLength(1);
  } finally {
    scheduler.stop();
    await desk.close();
  }
}, 20_000);

it('drops a question-log write after the bounded retry, with a count in the log', async () => {
  const { log, lines } = captureLog();
  const url = await server.database('dropped');
  const store = await openStore({ dataDir: ':memory:', databaseUrl: url, log, resilience: { firstWriteMs: 100, pingEveryMs: 100, retryForMs: 700 } });
  await server.stop();
  try {
    expect(await store.logQuestion({ platform: 'test', question: 'lost', answered: false })).toBeUndefined();
    await until('the write to be dropped', () => store.health().droppedWrites === 1);
    const dropped = lines.find((l) => l.msg === 'question log write dropped after retrying');
    expect(dropped).toMatchObject({ level: 'warn', dropped: 1 });
    expect(store.health().pendingWrites).toBe(0);
  } finally {
    await server.start();
    await store.close();
  }
}, 20_000);

it('fails start-up clearly when the database cannot be reached, naming DATABASE_URL and never the password', async () => {
  const url = 'postgres://policy:s3cret-pass-word@127.0.0.1:1/policy_desk';
  const error = (await openStore({ dataDir: ':memory:', databaseUrl: url }).then(
    () => new Error('opened'),
    (e: unknown) => e as Error,
  ));
  expect(error).toBeInstanceOf(StoreError);
  expect(error.message).toMatch(/DATABASE_URL/);
  expect(error.message).toMatch(/127\.0\.0\.1:1\/policy_desk/);
  expect(error.message).toMatch(/ECONNREFUSED/);
  expect(error.message).not.toContain('s3cret-pass-word');
  expect(error.message).not.toContain('policy:');
});
