// npm run eval: answer quality on tests/eval/questions.json, Policy Desk beside plain MiniSearch.

import { buildLibrary } from '../../src/desk.js';
import { createLogger } from '../../src/log.js';
import { evaluate, loadEvalSet, type Metrics } from './metrics.js';
import { plainMiniSearch, policyDesk } from './systems.js';

const verbose = process.argv.includes('--verbose');
const seeds = process.env.SEEDS_DIR ?? 'seeds';
const library = await buildLibrary(seeds, createLogger({ level: 'warn' }));
const set = loadEvalSet();

const ours = evaluate(set, policyDesk(library));
const plain = evaluate(set, plainMiniSearch(library.corpus.passages).system);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const row = (label: string, a: string, b: string) => console.log(`${label.padEnd(34)}${a.padStart(14)}${b.padStart(18)}`);
console.log(`Evaluation: ${set.questions.length} questions, ${set.outOfScope.length} out of scope, ${library.corpus.passages.length} passages\n`);
row('', 'Policy Desk', 'plain MiniSearch');
row('top-1 accuracy', pct(ours.top1), pct(plain.top1));
row('top-3 recall', pct(ours.top3), pct(plain.top3));
row('MRR', ours.mrr.toFixed(3), plain.mrr.toFixed(3));
row('answered, right passage first', pct(ours.answeredCorrectly), '(never refuses)');
row('out-of-scope refused', pct(ours.refused), pct(plain.refused));
console.log('\ntop-1 by tag:');
for (const [tag, t] of Object.entries(ours.byTag)) row(`  ${tag} (${t.n})`, pct(t.top1), pct(plain.byTag[tag]?.top1 ?? 0));
report('Policy Desk', ours);

function report(name: string, m: Metrics) {
  if (m.wronglyAnswered.length) console.log(`\n${name} answered out-of-scope questions:\n${m.wronglyAnswered.map((q) => `  - ${q}`).join('\n')}`);
  if (verbose && m.misses.length) {
    console.log(`\n${name} misses (${m.misses.length}):`);
    for (const miss of m.misses) console.log(`  - ${miss.q}\n      want: ${miss.expect}\n      got:  ${miss.got}`);
  }
}
