// A cold build on its own, for profiling (node --cpu-prof --import tsx tests/bench/build-profile.ts 100000):
// derived catalog entries, then the index, then plain MiniSearch on the same passages, CPU time of each.

import MiniSearch from 'minisearch';
import { buildLibrary } from '../../src/desk.js';
import { deriveEntries, withDerivedEntries } from '../../src/catalog/derive.js';
import { buildIndex } from '../../src/search/index.js';
import { silentLogger } from '../../src/log.js';
import { syntheticPassages } from './synthetic.js';
import { ILO_DIR } from '../fixtures/paths.js';

const size = Number(process.argv[2] ?? 100_000);
const real = await buildLibrary(ILO_DIR, silentLogger);
const passages = syntheticPassages(real.corpus.passages, size);
const documents = [...new Map(passages.map((p) => [p.doc, { slug: p.doc, title: p.document, file: `${p.doc}.md` }])).values()];
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const c0 = cpuMs();
const catalog = withDerivedEntries(real.catalog, deriveEntries({ documents, passages } as never));
const c1 = cpuMs();
buildIndex(passages, { catalog });
const c2 = cpuMs();
const plain = new MiniSearch({ fields: ['text', 'section', 'document'] });
plain.addAll(passages.map((p, id) => ({ id, text: p.text, section: p.section, document: p.document })));
const c3 = cpuMs();
console.log(`${size} passages: derive ${(c1 - c0).toFixed(0)} ms, index ${(c2 - c1).toFixed(0)} ms, plain ${(c3 - c2).toFixed(0)} ms; index/plain ×${((c2 - c1) / (c3 - c2)).toFixed(2)}, (derive+index)/plain ×${((c2 - c0) / (c3 - c2)).toFixed(2)}`);
