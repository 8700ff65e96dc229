// handle() on its own at one synthetic size, with each scorer, beside plain MiniSearch, in
// alternating rounds so that a busy machine slows all three alike
// (node --expose-gc --import tsx tests/bench/handle-profile.ts 10000 5; add --cpu-prof to see where the time goes).

import MiniSearch from 'minisearch';
import { buildLibrary, createDesk, type Desk, type Library } from '../../src/desk.js';
import { buildIndex, type IndexOptions } from '../../src/search/index.js';
import { openStore } from '../../src/store.js';
import { silentLogger } from '../../src/log.js';
import { loadSplit } from '../eval/metrics.js';
import { syntheticPassages } from './synthetic.js';
import { ILO_DIR } from '../fixtures/paths.js';

const size = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 5);
const real = await buildLibrary(ILO_DIR, silentLogger);
const tune = loadSplit('tune');
const questions = [...tune.inScope, ...tune.nearMiss, ...tune.offTopic].map((item) => item.q);
const passages = syntheticPassages(real.corpus.passages, size);

async function deskWith(scorer: IndexOptions['scorer']): Promise<Desk> {
  const library: Library = { ...real, corpus: { ...real.corpus, passages }, index: buildIndex(passages, { catalog: real.catalog, scorer }) };
  return createDesk(library, { store: await openStore({ dataDir: ':memory:' }) });
}

const plain = new MiniSearch({ fields: ['text', 'section', 'document'] });
plain.addAll(passages.map((p, id) => ({ id, text: p.text, section: p.section, document: p.document })));
const desks = { lean: await deskWith('lean'), minisearch: await deskWith('minisearch') };
const systems: [string, (q: string) => Promise<unknown>][] = [
  ['handle(), lean scorer', (q) => desks.lean.handle({ type: 'message', text: q, platform: 'test' })],
  ['handle(), MiniSearch scorer', (q) => desks.minisearch.handle({ type: 'message', text: q, platform: 'test' })],
  ['plain MiniSearch query', async (q) => plain.search(q)],
];

for (const [, run] of systems) for (const q of questions.slice(0, 20)) await run(q); // warm-up
console.log(`${size.toLocaleString('en')} synthetic passages · ${questions.length} questions per round · p50 / p99 ms (CPU ms per question)`);
const p99s = new Map<string, number[]>();
for (let r = 1; r <= rounds; r++) {
  const cells: string[] = [];
  for (const [name, run] of systems) {
    (globalThis as { gc?: () => void }).gc?.();
    const times: number[] = [];
    const c0 = process.cpuUsage();
    for (const q of questions) {
      const t = performance.now();
      await run(q);
      times.push(performance.now() - t);
    }
    const cpu = process.cpuUsage(c0);
    times.sort((a, b) => a - b);
    const p99 = times[Math.floor(0.99 * times.length)]!;
    p99s.set(name, [...(p99s.get(name) ?? []), p99]);
    cells.push(`${name} ${times[Math.floor(times.length / 2)]!.toFixed(2)} / ${p99.toFixed(2)} (${((cpu.user + cpu.system) / 1000 / questions.length).toFixed(2)})`);
  }
  const [lean, , base] = [...p99s.values()].map((v) => v[v.length - 1]!);
  console.log(`round ${r}: ${cells.join(' · ')} · lean p99 / plain p99 ${(lean! / base!).toFixed(3)}`);
}
for (const desk of Object.values(desks)) await desk.close();
