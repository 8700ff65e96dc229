// Typo correction against the documents' own vocabulary: "vulnerble" → "vulnerable".
// Fuzzy matching on stems misses these (the typo changes the stem), so misspelt words are
// corrected as whole words first, then stemmed like any other.

import MiniSearch from 'minisearch';

export interface Speller {
  /** The closest word of the vocabulary, or undefined when none is close enough. */
  correct(word: string): string | undefined;
}

/** Words shorter than this are left alone: too many real words are one edit apart. */
export const MIN_CORRECTABLE_LENGTH = 5;

export function buildSpeller(frequency: ReadonlyMap<string, number>): Speller {
  const words = new MiniSearch<{ id: number; word: string }>({
    fields: ['word'],
    storeFields: ['word'],
    tokenize: (s) => [s],
    processTerm: (s) => s,
  });
  words.addAll([...frequency.keys()].map((word, id) => ({ id, word })));

  return {
    correct(word) {
      if (word.length < MIN_CORRECTABLE_LENGTH || frequency.has(word)) return undefined;
      const maxEdits = word.length >= 8 ? 2 : 1;
      let best: { word: string; edits: number; count: number } | undefined;
      for (const r of words.search(word, { fuzzy: maxEdits, prefix: false })) {
        const candidate = r.word as string;
        const edits = editDistance(word, candidate, maxEdits);
        if (edits > maxEdits) continue;
        const count = frequency.get(candidate) ?? 0;
        // Fewest edits first; among equals, the word the documents use most.
        if (!best || edits < best.edits || (edits === best.edits && count > best.count)) best = { word: candidate, edits, count };
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
