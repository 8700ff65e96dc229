// Soft coverage: the share of the question's weight a passage carries in other words. A question
// word the passage lacks counts when the passage holds a word WordNet puts next to it in meaning
// (same sense or derived form: "oversee" for a passage on "supervision", "worries" for "concern").
// Only the question's words are looked up (each once, remembered), never the passage's, so the
// cost does not grow with the passage or the library.

import type { Hit, Query } from '../search/index.js';
import { analyse } from '../search/analysis.js';
import { toTerm } from '../search/text.js';
import { relatedWords } from '../search/wordnet.js';

const relatedTermsCache = new Map<string, readonly string[]>();

/** Search terms of the words related to a question word, its own term left out. */
function relatedTerms(word: string, senses: number): readonly string[] {
  const key = `${senses}:${word}`;
  let found = relatedTermsCache.get(key);
  if (!found) {
    const own = toTerm(word);
    const terms = new Set<string>();
    for (const w of relatedWords(word, senses)) {
      const t = toTerm(w);
      if (t && t !== own) terms.add(t);
    }
    found = [...terms];
    if (relatedTermsCache.size >= 50_000) relatedTermsCache.clear();
    relatedTermsCache.set(key, found);
  }
  return found;
}

/** Share of the question's weight in words the passage lacks but holds a related word of. */
export function relatedCoverage(hit: Hit, query: Query, weights: ReadonlyMap<string, number>, senses: number): number {
  const present = analyse(hit.passage).terms;
  let total = 0;
  let related = 0;
  weights.forEach((w, t) => {
    total += w;
    if (present.has(t) || hit.matched.includes(t) || query.alternatives?.get(t)?.some((a) => present.has(a))) return;
    const word = query.typed?.get(t);
    if (word && relatedTerms(word, senses).some((r) => present.has(r))) related += w;
  });
  return total ? related / total : 0;
}
