// The evaluation items themselves: a broken item (a phrase found in no passage, or in two) would
// score a right answer as wrong, so every one is checked against the built eval corpus.

import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus } from '../../src/corpus/types.js';
import { silentLogger } from '../../src/log.js';
import { EVAL_DIR, ILO_DIR } from '../fixtures/paths.js';
import { NEW_DOC, REPORT_SPLIT, SPLITS, brokenItems, expected, isRight, loadSplit, type InScopeItem } from './metrics.js';

let corpus: Corpus;
const splits = SPLITS.map(loadSplit);
const PAPER = 'ilo-key-issues-hld-2006';

beforeAll(async () => {
  corpus = await loadCorpus(EVAL_DIR, silentLogger);
});

// The document of an item's first phrase (a later phrase may name another document's passage that also answers).
const docOf = (item: InScopeItem) => corpus.passages.find((p) => isRight(p.text, { ...item, expect: expected(item)[0]! }))?.doc;

describe('the evaluation splits', () => {
  it.each(SPLITS)('%s: every expected phrase is in exactly one passage of the eval corpus', (name) => {
    const split = splits.find((s) => s.name === name)!;
    expect(brokenItems(split, corpus.passages.map((p) => p.text))).toEqual([]);
  });

  it('tags "new-doc" exactly the questions whose (first) right passage is in a new document', () => {
    for (const item of splits.flatMap((s) => s.inScope)) expect(item.tags.includes(NEW_DOC), item.q).toBe(docOf(item) !== PAPER);
  });

  it('has enough questions of each class to mean something', () => {
    const tune = splits.find((s) => s.name === 'tune');
    const holdout = splits.find((s) => s.name === REPORT_SPLIT);
    expect(holdout!.inScope.filter((i) => docOf(i) === PAPER).length).toBeGreaterThanOrEqual(60);
    for (const split of splits) {
      expect(split.nearMiss.length).toBeGreaterThanOrEqual(12);
      expect(split.offTopic.length).toBeGreaterThanOrEqual(10);
    }
    const notes = corpus.documents.map((d) => d.slug).filter((slug) => slug !== PAPER);
    expect(notes.length).toBeGreaterThanOrEqual(2);
    for (const slug of notes) {
      expect(holdout!.inScope.filter((i) => docOf(i) === slug).length, slug).toBeGreaterThanOrEqual(10);
      expect(tune!.inScope.filter((i) => docOf(i) === slug).length, slug).toBeGreaterThanOrEqual(5);
    }
  });

  it('asks no question twice, within or across splits', () => {
    const all = splits.flatMap((s) => [...s.inScope, ...s.nearMiss, ...s.offTopic]).map((i) => i.q.toLowerCase());
    expect(all.filter((q, i) => all.indexOf(q) !== i)).toEqual([]);
  });

  it('gives the new documents no hand-written catalog entries', () => {
    const catalogs = (dir: string) => fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    expect(catalogs(EVAL_DIR)).toEqual(catalogs(ILO_DIR));
  });
});

describe('matching a passage by its phrase', () => {
  const item: InScopeItem = { q: 'x', expect: 'policies on development co-operation', tags: [] };

  it('survives the small differences another reader makes (line breaks, dashes, quotes, case)', () => {
    expect(isRight('…and policies on\ndevelopment co\u2011operation.', item)).toBe(true);
    expect(isRight('POLICIES ON DEVELOPMENT “CO-OPERATION”', item)).toBe(true);
  });

  it('does not match part of a word', () => {
    expect(isRight('policies on development co-operations', item)).toBe(false);
    expect(isRight('', item)).toBe(false);
  });

  it('accepts any of several phrases', () => {
    expect(isRight('the cost of sending money home', { q: 'x', expect: ['lowering transfer costs', 'cost of sending money home'], tags: [] })).toBe(true);
  });
});

describe('finding broken items', () => {
  it('reports a phrase found in no passage, or in more than one', () => {
    const split = { name: 'tune' as const, nearMiss: [], offTopic: [], inScope: [
      { q: 'fine', expect: 'only here', tags: [] },
      { q: 'missing', expect: 'nowhere at all', tags: [] },
      { q: 'twice', expect: 'both', tags: [] },
    ] };
    expect(brokenItems(split, ['only here, and both', 'both again'])).toEqual([
      { q: 'missing', phrase: 'nowhere at all', found: 0 },
      { q: 'twice', phrase: 'both', found: 2 },
    ]);
  });
});
