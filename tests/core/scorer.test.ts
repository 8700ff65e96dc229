// The lean scorer (scorer.ts) must rank exactly as MiniSearch's own search() does: the same
// passages in the same order, with the same scores and the same matched terms, for every question
// of the tuning splits, as typed, half-typed (the prefix path) and misspelt (the typo path), on the
// evaluation documents and on a synthetic library with passages removed, changed and discarded.

import { beforeAll, describe, expect, it } from 'vitest';
import { buildLibrary, type Library } from '../../src/desk.js';
import { buildIndex, type Hit, type LiveIndex } from '../../src/search/index.js';
import { silentLogger } from '../../src/log.js';
import type { Passage } from '../../src/corpus/types.js';
import { loadSplit } from '../eval/metrics.js';
import { syntheticPassages } from '../bench/synthetic.js';
import { EVAL_DIR } from '../fixtures/paths.js';

const questions = (['tune', 'holdout'] as const).flatMap((name) => {
  const split = loadSplit(name);
  return [...split.inScope, ...split.nearMiss, ...split.offTopic].map((item) => item.q);
});

/** Each question as typed, without its final punctuation, with its last word cut short, and with a letter of its longest word dropped. */
function variants(q: string): string[] {
  const open = q.replace(/[?.!\s]+$/, '');
  const words = open.split(' ');
  const last = words[words.length - 1]!;
  const halfTyped = [...words.slice(0, -1), last.slice(0, Math.max(3, Math.ceil(last.length / 2)))].join(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  const typo = q.replace(longest, longest.slice(0, 2) + longest.slice(3));
  return [q, open, halfTyped, typo];
}

function expectSame(lean: Hit[], plain: Hit[], question: string) {
  const shown = (hits: Hit[]) => hits.map((h) => ({ id: h.passage.id, matched: h.matched }));
  expect(shown(lean), question).toEqual(shown(plain));
  lean.forEach((h, i) => expect(h.score, question).toBe(plain[i]!.score));
}

/** Asks both indexes every question and variant; returns how many hits were compared. */
function compareAll(lean: LiveIndex, plain: LiveIndex, limits: readonly number[]): number {
  let hits = 0;
  for (const q of questions) {
    for (const v of variants(q)) {
      const query = lean.parse(v);
      expect(plain.parse(v)).toEqual(query);
      for (const limit of limits) {
        const a = lean.search(query, limit);
        expectSame(a, plain.search(query, limit), `${v} (limit ${limit})`);
        hits += a.length;
      }
    }
  }
  return hits;
}

let library: Library;

beforeAll(async () => {
  library = await buildLibrary(EVAL_DIR, silentLogger);
});

function pair(passages: readonly Passage[]): [LiveIndex, LiveIndex] {
  return [buildIndex(passages, { catalog: library.catalog }), buildIndex(passages, { catalog: library.catalog, scorer: 'minisearch' })];
}

describe('the lean scorer', () => {
  it('is the default', () => {
    expect(buildIndex([]).options.scorer).toBe('lean');
  });

  it('ranks the evaluation documents exactly as MiniSearch does', () => {
    const [lean, plain] = pair(library.corpus.passages);
    expect(compareAll(lean, plain, [1, 6, 200])).toBeGreaterThan(questions.length * 4 * 6);
  });

  it('ranks a synthetic library with passages removed, changed and discarded exactly as MiniSearch does', () => {
    const passages = syntheticPassages(library.corpus.passages, 3_000);
    const [lean, plain] = pair(passages);
    // Removed passages leave gaps in the short ids; changed ones come back under new ids.
    const removed = passages.filter((_, i) => i % 7 === 3);
    const before = passages.filter((_, i) => i % 11 === 5 && i % 7 !== 3);
    const changed = before.map((p) => ({ ...p, text: `${p.text} Remittance corridors were reviewed again.` }));
    for (const index of [lean, plain]) {
      index.contents.remove([...removed, ...before]);
      index.contents.add(changed);
    }
    // Discarded passages stay in the posting lists until MiniSearch meets them in a search: it
    // drops them then, and counts them out of the term's passages as it goes.
    const question = lean.parse('remittances and development aid');
    const discarded = lean.search(question, 12).map((h) => h.passage.id);
    for (const index of [lean, plain]) for (const id of discarded) index.contents.mini.discard(id);
    // The first search to meet them scores with the passages counted before it dropped them: ask both.
    const [afterLean, afterPlain] = [lean.search(question, 12), plain.search(question, 12)];
    expect(afterLean.map((h) => h.passage.id)).not.toContain(discarded[0]);
    expectSame(afterLean, afterPlain, 'remittances and development aid');
    expect(compareAll(lean, plain, [6])).toBeGreaterThan(questions.length * 4 * 3);
  });
});
