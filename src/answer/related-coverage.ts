// Soft coverage: the share of the question's weight a passage carries in other words. A question
// word the passage lacks counts when the passage holds a word WordNet puts next to it in meaning
// (same sense or derived form: "oversee" for a passage on "supervision", "worries" for "concern").
// Only the question's words are looked up (each once, remembered by wordnet.ts), never the
// passage's, so the cost does not grow with the passage or the library.

import type { Hit, Query } from '../search/index.js';
import { analyse } from '../search/analysis.js';
import { toTerm } from '../search/text.js';
import { relatedWords } from '../search/wordnet.js';

/** Share of the question's weight in words the passage lacks (`holds` says which it holds) but holds a related word of. */
export function relatedCoverage(hit: Hit, query: Query, weights: ReadonlyMap<string, number>, holds: (term: string) => boolean, senses: number): number {
  const present = analyse(hit.passage).terms;
  let total = 0;
  let related = 0;
  weights.forEach((w, t) => {
    total += w;
    if (holds(t)) return;
    const word = query.typed?.get(t);
    // Another question word the passage holds counts here too (it measured slightly better for
    // ranking than leaving those out, as the answer's thresholds do: see ask.ts).
    if (word && relatedTerms(word, senses).some((r) => r !== t && present.has(r))) related += w;
  });
  return total ? related / total : 0;
}

/** The terms of the words WordNet relates to a word (relatedWords remembers each lookup, toTerm each term). */
export function relatedTerms(word: string, senses: number): string[] {
  return relatedWords(word, senses).flatMap((r) => {
    const t = toTerm(r);
    return t === null ? [] : [t];
  });
}
