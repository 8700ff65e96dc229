// Holds the line on answer quality, on the TUNING split only (npm run eval prints the detail).
// The floors are the level measured after the answer engine of issue 10 (three outcomes,
// wording, title context), less a small margin, so a regression fails. No held-out figure belongs here: a held-out floor would become a target.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import { EVAL_DIR } from '../fixtures/paths.js';
import { evaluate, loadSplit, type SplitMetrics } from './metrics.js';
import { plainMiniSearch, policyDesk } from './systems.js';

let desk: Desk;
let ours: SplitMetrics;
let plain: SplitMetrics;
const tune = loadSplit('tune');

beforeAll(async () => {
  desk = await openDesk({ seedsDir: EVAL_DIR, dataDir: ':memory:' });
  ours = await evaluate(tune, policyDesk(desk));
  plain = await evaluate(tune, plainMiniSearch(desk.library().corpus.passages).system);
});
afterAll(() => desk.close());

const missList = (m: SplitMetrics) => m.inScope.misses.map((x) => `${x.q} (want: ${x.expect}; ${x.outcome})`).join('\n');

describe('answer quality on the tuning split', () => {
  it('puts the right passage first for most in-scope questions', () => {
    expect(ours.inScope.top1, missList(ours)).toBeGreaterThanOrEqual(0.83);
    expect(ours.inScope.top3).toBeGreaterThanOrEqual(0.91);
  });

  it('answers in-scope questions from the right passage', () => {
    expect(ours.inScope.answeredRight, missList(ours)).toBeGreaterThanOrEqual(0.82);
  });

  it('rarely answers "high" from the wrong passage', () => {
    expect(ours.inScope.highWrong).toBeLessThanOrEqual(0.05);
  });

  it('finds passages of the documents that have no catalog entry', () => {
    expect(ours.newDocs.n).toBeGreaterThanOrEqual(15);
    expect(ours.newDocs.top1).toBeGreaterThanOrEqual(0.77);
  });

  it('answers no off-topic question, and near-miss questions "high" at most 10% of the time', () => {
    expect(ours.offTopic.wrong).toEqual([]);
    expect(ours.nearMiss.answeredHigh, ours.nearMiss.high.join('\n')).toBeLessThanOrEqual(0.1);
  });

  it('ranks better than a plain MiniSearch index on the same passages', () => {
    expect(ours.inScope.top1).toBeGreaterThan(plain.inScope.top1);
    expect(ours.inScope.mrr).toBeGreaterThan(plain.inScope.mrr);
  });

  it('finds catalog entries by alias ("ICRMW", "C97", "convention 143")', () => {
    expect(ours.byTag.alias!.top1).toBeGreaterThanOrEqual(0.75);
  });
});
