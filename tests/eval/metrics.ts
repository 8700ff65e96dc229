// Scores a ranking function on the evaluation set: top-1 accuracy, top-3 recall, MRR and the
// share of out-of-scope questions refused. Used by `npm run eval` and by the quality test.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EvalQuestion {
  q: string;
  expect: string;
  tags: string[];
}

export interface EvalSet {
  questions: EvalQuestion[];
  outOfScope: string[];
}

export function loadEvalSet(): EvalSet {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'questions.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as EvalSet;
}

/** What a system under evaluation gives for one question. */
export interface SystemAnswer {
  /** Passage texts, best first. */
  ranked: string[];
  /** Whether it answered confidently (false = "the documents don't cover this"). */
  answered: boolean;
}

export interface Metrics {
  questions: number;
  top1: number;
  top3: number;
  mrr: number;
  /** In-scope questions answered confidently with the right passage first. */
  answeredCorrectly: number;
  outOfScope: number;
  refused: number;
  /** Per tag: top-1 share. */
  byTag: Record<string, { n: number; top1: number }>;
  misses: { q: string; expect: string; got: string }[];
  wronglyAnswered: string[];
}

const contains = (passage: string | undefined, phrase: string) => !!passage && passage.toLowerCase().includes(phrase.toLowerCase());

export function evaluate(set: EvalSet, system: (q: string) => SystemAnswer): Metrics {
  let top1 = 0;
  let top3 = 0;
  let rr = 0;
  let answeredCorrectly = 0;
  const byTag: Metrics['byTag'] = {};
  const misses: Metrics['misses'] = [];
  for (const item of set.questions) {
    const result = system(item.q);
    const rank = result.ranked.findIndex((p) => contains(p, item.expect));
    const first = rank === 0;
    if (first) top1++;
    else misses.push({ q: item.q, expect: item.expect, got: (result.ranked[0] ?? '(nothing)').slice(0, 90) });
    if (rank >= 0 && rank < 3) top3++;
    if (rank >= 0) rr += 1 / (rank + 1);
    if (first && result.answered) answeredCorrectly++;
    for (const tag of item.tags) {
      const t = (byTag[tag] ??= { n: 0, top1: 0 });
      t.n++;
      if (first) t.top1++;
    }
  }
  const wronglyAnswered = set.outOfScope.filter((q) => system(q).answered);
  const n = set.questions.length;
  for (const t of Object.values(byTag)) t.top1 = t.top1 / t.n;
  return {
    questions: n,
    top1: top1 / n,
    top3: top3 / n,
    mrr: rr / n,
    answeredCorrectly: answeredCorrectly / n,
    outOfScope: set.outOfScope.length,
    refused: (set.outOfScope.length - wronglyAnswered.length) / set.outOfScope.length,
    byTag,
    misses,
    wronglyAnswered,
  };
}
