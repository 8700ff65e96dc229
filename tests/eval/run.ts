// npm run eval: answer quality on the tuning and held-out splits, Policy Desk beside plain MiniSearch.
//
//   --split NAME|all           which split(s) to score, by the names in SPLITS (metrics.ts; default all)
//   --verbose                  list the misses of the tuning splits (tune, and holdout to holdout5: retired into tuning)
//   --holdout-misses           list the misses of holdout6 (REPORT_SPLIT), the split reported on: for final reports
//                              only, never while tuning (a held-out miss read is a held-out miss tuned to)
//   --corpus DIR               evaluate on another folder holding the same documents (or EVAL_CORPUS)

import { parseArgs } from 'node:util';
import { openDesk } from '../../src/desk.js';
import { silentLogger } from '../../src/log.js';
import { EVAL_DIR } from '../fixtures/paths.js';
import { REPORT_SPLIT, SPLITS, TUNING_SPLITS, brokenItems, evaluate, loadSplit, type InScopeMetrics, type SplitMetrics, type SplitName } from './metrics.js';
import { plainMiniSearch, policyDesk } from './systems.js';

const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'all' },
    verbose: { type: 'boolean', default: false },
    'holdout-misses': { type: 'boolean', default: false },
    corpus: { type: 'string' },
  },
});
const chosen = values.split === 'all' ? [...SPLITS] : SPLITS.filter((s) => s === values.split);
if (!chosen.length) {
  console.error(`--split must be ${SPLITS.join(', ')} or all (got "${values.split}")`);
  process.exit(2);
}
const corpusDir = values.corpus ?? process.env.EVAL_CORPUS ?? EVAL_DIR;

const desk = await openDesk({ seedsDir: corpusDir, dataDir: ':memory:', log: silentLogger });
const passages = desk.library().corpus.passages;
const ours = policyDesk(desk);
const plain = plainMiniSearch(passages).system;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const row = (label: string, a: string, b: string) => console.log(`${label.padEnd(46)}${a.padStart(12)}${b.padStart(18)}`);

console.log(`Evaluation on ${corpusDir}: ${desk.library().corpus.documents.length} documents, ${passages.length} passages`);
for (const name of chosen) await report(name);
desk.close();

async function report(name: SplitName) {
  const split = loadSplit(name);
  const broken = brokenItems(split, passages.map((p) => p.text));
  const a = await evaluate(split, ours);
  const b = await evaluate(split, plain);
  console.log(`\n== ${name} split: ${split.inScope.length} in-scope, ${split.nearMiss.length} near-miss, ${split.offTopic.length} off-topic ==\n`);
  row('', 'Policy Desk', 'plain MiniSearch');
  inScopeRows(`in-scope (${a.inScope.n})`, a.inScope, b.inScope);
  inScopeRows(`new documents, no catalog (${a.newDocs.n})`, a.newDocs, b.newDocs);
  console.log(`near-miss (${a.nearMiss.n})`);
  row('  answered "high" (should be none)', pct(a.nearMiss.answeredHigh), pct(b.nearMiss.answeredHigh));
  row('  answered at all (high or partial)', pct(a.nearMiss.answered), pct(b.nearMiss.answered));
  console.log(`off-topic (${a.offTopic.n})`);
  row('  answered (should be none)', pct(a.offTopic.answered), pct(b.offTopic.answered));
  console.log('top-1 by tag');
  for (const [tag, t] of Object.entries(a.byTag).sort(([x], [y]) => x.localeCompare(y))) row(`  ${tag} (${t.n})`, pct(t.top1), pct(b.byTag[tag]?.top1 ?? 0));

  if (broken.length) {
    console.log(`\n${broken.length} eval item(s) whose phrase is not in exactly one passage of this corpus (scored as written):`);
    for (const x of broken) console.log(`  - ${x.q}  [${x.phrase}: ${x.found} passages]`);
  }
  if (TUNING_SPLITS.includes(name) ? values.verbose : values['holdout-misses']) misses(name, a);
}

function inScopeRows(title: string, a: InScopeMetrics, b: InScopeMetrics) {
  console.log(title);
  row('  right passage first (top-1)', pct(a.top1), pct(b.top1));
  row('  right passage in top 3', pct(a.top3), pct(b.top3));
  row('  MRR', a.mrr.toFixed(3), b.mrr.toFixed(3));
  row('  answered from the right passage', pct(a.answeredRight), pct(b.answeredRight));
  row('    of which "high" / "partial"', `${pct(a.answeredRightHigh)} / ${pct(a.answeredRightPartial)}`, '(never partial)');
  row('  "high" but wrong passage first', pct(a.highWrong), pct(b.highWrong));
}

function misses(name: SplitName, m: SplitMetrics) {
  console.log(`\nPolicy Desk misses on the ${name} split (${m.inScope.misses.length}): wrong passage first, or refused`);
  for (const x of m.inScope.misses) console.log(`  - ${x.q}\n      want: ${x.expect}\n      got (${x.outcome}): ${x.got}`);
  if (m.nearMiss.high.length) console.log(`near-miss answered "high":\n${m.nearMiss.high.map((q) => `  - ${q}`).join('\n')}`);
  if (m.offTopic.wrong.length) console.log(`off-topic answered:\n${m.offTopic.wrong.map((q) => `  - ${q}`).join('\n')}`);
}
