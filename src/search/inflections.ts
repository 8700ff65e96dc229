// Irregular verb forms ("sought" / "seek", "took" / "take", "left" / "leave"), and the plurals of
// nouns in "-man", which no stemmer joins: a question asking "seeking" finds a passage saying "sought". The list is the
// `english-verbs-irregular` package's (derived from WordNet), read on the first question.

import fs from 'node:fs';
import { createRequire } from 'node:module';

// Resolved at start-up, so a missing package fails there, once, rather than at every question.
const LIST_FILE = createRequire(import.meta.url).resolve('english-verbs-irregular/dist/verbs.json');

let forms: Map<string, readonly string[]> | undefined;

function load(): Map<string, readonly string[]> {
  const list = JSON.parse(fs.readFileSync(LIST_FILE, 'utf8')) as Record<string, string[][]>;
  const map = new Map<string, string[]>();
  for (const [base, pasts] of Object.entries(list)) {
    const all = [...new Set([base, ...pasts.flat()])];
    for (const form of all) {
      const known = map.get(form) ?? [];
      for (const other of all) if (other !== form && !known.includes(other)) known.push(other);
      map.set(form, known);
    }
  }
  return map;
}

/** The other forms of an irregular verb ("sought" → "seek"; "seek" → "sought") or noun ("seamen" ↔ "seaman"); empty for any other word. */
export function irregularForms(word: string): readonly string[] {
  forms ??= load();
  const lower = word.toLowerCase();
  return forms.get(lower) ?? manForms(lower);
}

// WordNet's own rule for nouns (Morphy's "men" → "man"), which stemmers miss: "seamen" is
// "seaman". Either form may be no word at all ("specimen"): callers keep only forms passages use.
function manForms(word: string): readonly string[] {
  if (word.length > 4 && word.endsWith('men')) return [`${word.slice(0, -3)}man`];
  if (word.length > 4 && word.endsWith('man')) return [`${word.slice(0, -3)}men`];
  return [];
}
