// npm run eval:formats: the evaluation with the ILO paper read from each sample format in place
// of its Markdown (the other eval documents unchanged), beside the Markdown run. Done when every
// format scores within 3 points of Markdown and every citation of a PDF passage has its page.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDesk, type Desk } from '../../src/desk.js';
import { silentLogger } from '../../src/log.js';
import { EVAL_DIR } from '../fixtures/paths.js';
import { SPLITS, evaluate, loadSplit } from './metrics.js';
import { policyDesk } from './systems.js';

const SAMPLES = 'tests/fixtures/samples';
const PAPER = 'ilo-key-issues-hld-2006.md';
const forms = ['(Markdown)', 'ilo-report-footnotes.pdf', 'ilo-report-word-export.pdf', 'ilo-report.docx', 'ilo-report-page.html'];

const scores: Record<string, Record<string, number>> = {};
let failures = 0;
console.log(`${'paper read from'.padEnd(30)}${SPLITS.map((s) => `${s} top-1`.padStart(14)).join('')}${'MRR (tune)'.padStart(12)}  pages`);
for (const form of forms) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-eval-formats-'));
  try {
    fs.cpSync(EVAL_DIR, dir, { recursive: true });
    if (form !== '(Markdown)') {
      fs.rmSync(path.join(dir, PAPER));
      fs.copyFileSync(path.join(SAMPLES, form), path.join(dir, form));
    }
    const desk = await openDesk({ seedsDir: dir, dataDir: ':memory:', log: silentLogger });
    const row: Record<string, number> = {};
    let mrr = 0;
    for (const split of SPLITS) {
      const m = await evaluate(loadSplit(split), policyDesk(desk));
      row[split] = m.inScope.top1;
      if (split === 'tune') mrr = m.inScope.mrr;
    }
    const pages = form.endsWith('.pdf') ? await pagesCited(desk) : '';
    desk.close();
    scores[form] = row;
    const base = scores['(Markdown)']!;
    const worst = Math.min(...SPLITS.map((s) => (row[s]! - base[s]!) * 100));
    if (worst < -3) failures++;
    console.log(`${form.padEnd(30)}${SPLITS.map((s) => `${(row[s]! * 100).toFixed(1)}%`.padStart(14)).join('')}${mrr.toFixed(3).padStart(12)}  ${pages}${worst < -3 ? '  MORE THAN 3 POINTS BELOW MARKDOWN' : ''}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
process.exitCode = failures ? 1 : 0;

/** Every citation of a PDF passage in the answers to every question carries a page. */
async function pagesCited(desk: Desk): Promise<string> {
  const pdf = desk.library().corpus.documents.find((d) => d.format === 'pdf')!.title;
  let cited = 0;
  let missing = 0;
  for (const split of SPLITS) {
    const s = loadSplit(split);
    for (const q of [...s.inScope, ...s.nearMiss, ...s.offTopic].map((i) => i.q)) {
      for (const c of (await desk.handle({ type: 'message', text: q, platform: 'test', user: `pages-${cited}` })).citations) {
        if (c.document !== pdf) continue;
        cited++;
        if (!c.page) missing++;
      }
    }
  }
  if (missing) failures++;
  return `${cited - missing} of ${cited} PDF citations have their page`;
}
