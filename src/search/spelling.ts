// Typo correction against the documents' own vocabulary: "vulnerble" → "vulnerable".
// Fuzzy matching on stems misses these (the typo changes the stem), so misspelt words are
// corrected as whole words first, then stemmed like any other.

import MiniSearch from 'minisearch';

export interface Speller {
  /** The closest word of the vocabulary, or undefined when none is close enough. */
  correct(word: string): string | undefined;
}

/** A speller that follows its vocabulary as documents come and go. */
export interface LiveSpeller extends Speller {
  /** A word entered the vocabulary (its count went from 0 to 1). */
  add(word: string): void;
  /** A word left the vocabulary (its count fell to 0). */
  remove(word: string): void;
}

/** Words shorter than this are left alone: too many real words are one edit apart. */
export const MIN_CORRECTABLE_LENGTH = 5;

/** How often the documents use each word (a Map will do). */
export interface WordCounts {
  get(word: string): number | undefined;
  has(word: string): boolean;
  keys(): Iterable<string>;
}

/** frequency is read live: the caller keeps it and calls add/remove as words come and go. */
export function buildSpeller(frequency: WordCounts): LiveSpeller {
  const words = new MiniSearch<{ word: string }>({
    idField: 'word',
    fields: ['word'],
    storeFields: ['word'],
    tokenize: (s) => [s],
    processTerm: (s) => s,
  });
  words.addAll([...frequency.keys()].map((word) => ({ word })));

  return {
    add: (word) => words.add({ word }),
    remove: (word) => words.remove({ word }),
    correct(word) {
      if (word.length < MIN_CORRECTABLE_LENGTH || frequency.has(word)) return undefined;
      const maxEdits = word.length >= 8 ? 2 : 1;
      let best: { word: string; edits: number; count: number } | undefined;
      for (const r of words.search(word, { fuzzy: maxEdits, prefix: false })) {
        const candidate = r.word as string;
        const edits = editDistance(word, candidate, maxEdits);
        if (edits > maxEdits) continue;
        const count = frequency.get(candidate) ?? 0;
        // Fewest edits first; among equals, the word the documents use most, then the first in
        // alphabetical order (not the order words were indexed in: an updated index must agree with a fresh one).
        if (!best || edits < best.edits || (edits === best.edits && (count > best.count || (count === best.count && candidate < best.word)))) best = { word: candidate, edits, count };
      }
      return best?.word;
    },
  };
}

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds limit. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      rowMin = Math.min(rowMin, row[j]!);
    }
    if (rowMin > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}
