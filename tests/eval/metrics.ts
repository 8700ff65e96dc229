// The evaluation sets and their scores. Seven splits of three classes each: tests/eval/tune.json
// to tune on; tests/eval/holdout.json to holdout5.json, earlier held-out splits retired into tuning
// once their figures had been read too often; tests/eval/holdout6.json, the split to report on,
// written from the documents alone by someone who never ran the engine on it. In-scope questions carry the
// phrase that marks the passage answering them; near-miss questions are on topic but not answered
// by the documents; off-topic ones are neither. Used by `npm run eval` and the tests in this folder.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SPLITS = ['tune', 'holdout', 'holdout2', 'holdout3', 'holdout4', 'holdout5', 'holdout6'] as const;
export type SplitName = (typeof SPLITS)[number];
/** The split figures are reported on: never tuned on, its misses never read while tuning. */
export const REPORT_SPLIT: SplitName = 'holdout6';
/** Splits whose misses may be read while tuning. */
export const TUNING_SPLITS: readonly SplitName[] = SPLITS.filter((s) => s !== REPORT_SPLIT);

export interface InScopeItem {
  q: string;
  /** A phrase of the passage that answers the question (several: any one of them will do). */
  expect: string | string[];
  tags: string[];
}

export interface OtherItem {
  q: string;
  tags?: string[];
}

export interface EvalSplit {
  name: SplitName;
  inScope: InScopeItem[];
  nearMiss: OtherItem[];
  offTopic: OtherItem[];
}

export function loadSplit(name: SplitName): EvalSplit {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), `${name}.json`);
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Omit<EvalSplit, 'name'>;
  return { name, inScope: data.inScope, nearMiss: data.nearMiss, offTopic: data.offTopic };
}

/** Tag of the questions about the documents that have no catalog entries. */
export const NEW_DOC = 'new-doc';

/** How sure a system was: 'high' answers, 'partial' leads with the closest passage, 'none' refuses. */
export type Outcome = 'high' | 'partial' | 'none';

/** What a system under evaluation gives for one question. */
export interface SystemAnswer {
  /** Passage texts, best first (the one the reply leads with first). */
  ranked: string[];
  outcome: Outcome;
}

export type System = (q: string) => Promise<SystemAnswer> | SystemAnswer;

// Words only, so a phrase still matches a passage whose text came out slightly differently
// (another reader, curly quotes, "co-operation" against "co operation", line breaks).
const words = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export const expected = (item: InScopeItem): string[] => (Array.isArray(item.expect) ? item.expect : [item.expect]);

/** Whether a passage is (one of) the right one(s) for an item. */
export function isRight(passage: string | undefined, item: InScopeItem): boolean {
  if (!passage) return false;
  const text = ` ${words(passage)} `;
  return expected(item).some((phrase) => text.includes(` ${words(phrase)} `));
}

/** Items whose every expect phrase is not found in exactly one passage: a broken eval item. */
export function brokenItems(split: EvalSplit, passages: readonly string[]): { q: string; phrase: string; found: number }[] {
  const texts = passages.map((p) => ` ${words(p)} `);
  const broken: { q: string; phrase: string; found: number }[] = [];
  for (const item of split.inScope) {
    for (const phrase of expected(item)) {
      const w = ` ${words(phrase)} `;
      const found = texts.filter((t) => t.includes(w)).length;
      if (found !== 1) broken.push({ q: item.q, phrase, found });
    }
  }
  return broken;
}

export interface Miss {
  q: string;
  expect: string;
  outcome: Outcome;
  got: string;
}

export interface InScopeMetrics {
  n: number;
  top1: number;
  top3: number;
  mrr: number;
  /** Answered (high or partial) with the right passage first. */
  answeredRight: number;
  answeredRightHigh: number;
  answeredRightPartial: number;
  /** Answered "high" with a wrong passage first. */
  highWrong: number;
  misses: Miss[];
}

export interface SplitMetrics {
  inScope: InScopeMetrics;
  newDocs: InScopeMetrics;
  byTag: Record<string, { n: number; top1: number }>;
  nearMiss: { n: number; answeredHigh: number; answered: number; high: string[] };
  offTopic: { n: number; answered: number; wrong: string[] };
}

const share = (k: number, n: number) => (n ? k / n : 0);

function scoreInScope(results: { item: InScopeItem; answer: SystemAnswer }[]): InScopeMetrics {
  let top1 = 0, top3 = 0, rr = 0, high = 0, partial = 0, highWrong = 0;
  const misses: Miss[] = [];
  for (const { item, answer } of results) {
    const rank = answer.ranked.findIndex((p) => isRight(p, item));
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 3) top3++;
    if (rank >= 0) rr += 1 / (rank + 1);
    if (rank === 0 && answer.outcome === 'high') high++;
    if (rank === 0 && answer.outcome === 'partial') partial++;
    if (rank !== 0 && answer.outcome === 'high') highWrong++;
    if (rank !== 0 || answer.outcome === 'none') misses.push({ q: item.q, expect: expected(item).join(' | '), outcome: answer.outcome, got: (answer.ranked[0] ?? '(nothing)').slice(0, 90) });
  }
  const n = results.length;
  return {
    n,
    top1: share(top1, n),
    top3: share(top3, n),
    mrr: share(rr, n),
    answeredRight: share(high + partial, n),
    answeredRightHigh: share(high, n),
    answeredRightPartial: share(partial, n),
    highWrong: share(highWrong, n),
    misses,
  };
}

export async function evaluate(split: EvalSplit, system: System): Promise<SplitMetrics> {
  const results: { item: InScopeItem; answer: SystemAnswer }[] = [];
  for (const item of split.inScope) results.push({ item, answer: await system(item.q) });
  const byTag: SplitMetrics['byTag'] = {};
  for (const { item, answer } of results) {
    for (const tag of item.tags) {
      const t = (byTag[tag] ??= { n: 0, top1: 0 });
      t.n++;
      if (isRight(answer.ranked[0], item)) t.top1++;
    }
  }
  for (const t of Object.values(byTag)) t.top1 = share(t.top1, t.n);

  const nearHigh: string[] = [];
  let nearAnswered = 0;
  for (const { q } of split.nearMiss) {
    const { outcome } = await system(q);
    if (outcome === 'high') nearHigh.push(q);
    if (outcome !== 'none') nearAnswered++;
  }
  const offWrong: string[] = [];
  for (const { q } of split.offTopic) if ((await system(q)).outcome !== 'none') offWrong.push(q);

  return {
    inScope: scoreInScope(results),
    newDocs: scoreInScope(results.filter((r) => r.item.tags.includes(NEW_DOC))),
    byTag,
    nearMiss: { n: split.nearMiss.length, answeredHigh: share(nearHigh.length, split.nearMiss.length), answered: share(nearAnswered, split.nearMiss.length), high: nearHigh },
    offTopic: { n: split.offTopic.length, answered: share(offWrong.length, split.offTopic.length), wrong: offWrong },
  };
}
