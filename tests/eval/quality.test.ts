// Holds the line on answer quality, measured on tests/eval/questions.json (npm run eval prints the detail).

import { beforeAll, describe, expect, it } from 'vitest';
import { buildLibrary, type Library } from '../../src/desk.js';
import { silentLogger } from '../../src/log.js';
import { evaluate, loadEvalSet, type Metrics } from './metrics.js';
import { plainMiniSearch, policyDesk } from './systems.js';

let library: Library;
let ours: Metrics;
let plain: Metrics;
const set = loadEvalSet();

beforeAll(async () => {
  library = await buildLibrary('seeds', silentLogger);
  ours = evaluate(set, policyDesk(library));
  plain = evaluate(set, plainMiniSearch(library.corpus.passages).system);
});

describe('answer quality on the evaluation set', () => {
  it('has enough questions of each kind to mean something', () => {
    expect(set.questions.length).toBeGreaterThanOrEqual(40);
    expect(set.outOfScope.length).toBeGreaterThanOrEqual(8);
    const tags = set.questions.flatMap((q) => q.tags);
    for (const tag of ['terse', 'typo', 'alias']) expect(tags.filter((t) => t === tag).length).toBeGreaterThanOrEqual(8);
  });

  it('puts the right passage first for at least 85% of questions', () => {
    expect(ours.top1, `misses:\n${ours.misses.map((m) => `${m.q} (want: ${m.expect})`).join('\n')}`).toBeGreaterThanOrEqual(0.85);
  });

  it('refuses every question the documents do not cover', () => {
    expect(ours.wronglyAnswered).toEqual([]);
  });

  it('ranks better than a plain MiniSearch index on the same passages', () => {
    expect(ours.top1).toBeGreaterThan(plain.top1);
    expect(ours.mrr).toBeGreaterThan(plain.mrr);
  });

  it('finds catalog entries by alias ("ICRMW", "C97", "convention 143")', () => {
    const alias = ours.byTag.alias!;
    expect(alias.top1).toBeGreaterThanOrEqual(0.8);
  });
});
