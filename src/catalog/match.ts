// Finding the catalog entries a text mentions. One word trie of every name and alias is built
// once; a text is then read word by word, so tagging 100,000 passages costs one pass each,
// however many entries the catalog has.
//
// Case: names match in any case, and so do acronyms that are not words (ICRMW, icrmw). An
// acronym that is also an ordinary word — MIGRANT against "migrant workers" — matches only when
// written in capitals, and not inside a stretch of capitals ("MIGRANT WORKERS" in a shouted heading).
// A word counts as ordinary when the catalog itself uses it in lower case, or it is a stop word.

import { STOP_WORDS } from '../search/text.js';
import type { CatalogEntry } from './types.js';
import { conventionNumber, foldWord, isCapitalised, lookupKey, words, type Word } from './words.js';

interface Variant {
  entry: CatalogEntry;
  /** Per word of the alias: must the text write it in capitals? Undefined when no word must. */
  capitalsOnly?: boolean[];
}

interface Node {
  next: Map<string, Node>;
  variants: Variant[];
}

export type MentionFinder = (text: string) => CatalogEntry[];

export function compileMentions(entries: readonly CatalogEntry[]): MentionFinder {
  const ordinary = ordinaryWords(entries);
  const acronyms = new Set<string>();
  const root: Node = { next: new Map(), variants: [] };
  const byNumber = new Map<number, CatalogEntry>();

  for (const entry of entries) {
    for (const text of [entry.name, ...entry.aliases]) {
      let ws = words(text);
      if (ws.length > 1 && ws[0]!.norm === 'the') ws = ws.slice(1);
      if (!ws.length) continue;
      let node = root;
      for (const w of ws) {
        let child = node.next.get(w.norm);
        if (!child) node.next.set(w.norm, (child = { next: new Map(), variants: [] }));
        node = child;
      }
      const mask = ws.map((w) => isCapitalised(w.raw) && ordinary.has(w.norm));
      for (const w of ws) if (isCapitalised(w.raw)) acronyms.add(w.norm);
      const variant: Variant = { entry };
      if (mask.some(Boolean)) variant.capitalsOnly = mask;
      // Case-free variants first: the first variant that fits wins.
      if (variant.capitalsOnly) node.variants.push(variant);
      else node.variants.unshift(variant);
    }
    for (const text of [entry.id, entry.name, ...entry.aliases]) {
      const n = conventionNumber(lookupKey(text));
      if (n !== undefined) byNumber.set(n, entry);
    }
  }

  // A capitals-only acronym next to a capitalised word that is not itself a known acronym is
  // taken to be part of shouted text ("MIGRANT WORKERS"), unlike "(IMP, IOM, UNHCR)".
  const shouted = (w: Word | undefined) => w !== undefined && w.raw.length >= 3 && isCapitalised(w.raw) && !acronyms.has(w.norm);

  const fits = (v: Variant, ws: readonly Word[], start: number, end: number): boolean => {
    if (!v.capitalsOnly) return true;
    for (let k = 0; k < v.capitalsOnly.length; k++) {
      if (v.capitalsOnly[k] && !isCapitalised(ws[start + k]!.raw)) return false;
    }
    return !shouted(ws[start - 1]) && !shouted(ws[end + 1]);
  };

  return (text: string): CatalogEntry[] => {
    const ws = words(text);
    // Insertion order of a Map is the order of first mention, since positions only grow.
    const found = new Map<CatalogEntry, true>();
    for (let i = 0; i < ws.length; i++) {
      // The longest name starting here; shorter names inside it are found from their own start.
      let node: Node | undefined = root;
      let best: CatalogEntry | undefined;
      for (let j = i; j < ws.length; j++) {
        node = node.next.get(ws[j]!.norm);
        if (!node) break;
        for (const v of node.variants) {
          if (fits(v, ws, i, j)) {
            best = v.entry;
            break;
          }
        }
      }
      if (best) found.set(best, true);
      if (ws[i]!.norm === 'convention') for (const e of numberedConventions(ws, i + 1, byNumber)) found.set(e, true);
    }
    return [...found.keys()];
  };
}

/** "Conventions 97 and 143", "Convention 97 or 143", "Conventions Nos. 97, 143": each number named. */
function numberedConventions(ws: readonly Word[], from: number, byNumber: ReadonlyMap<number, CatalogEntry>): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  let sawNumber = false;
  for (let j = from; j < ws.length; j++) {
    const w = ws[j]!.norm;
    if (/^\d{1,3}$/.test(w)) {
      const e = byNumber.get(Number(w));
      if (e) out.push(e);
      sawNumber = true;
    } else if (w === 'no' || w === 'nos') {
      continue;
    } else if (sawNumber && (w === 'and' || w === 'or') && /^(\d{1,3}|no|nos)$/.test(ws[j + 1]?.norm ?? '')) {
      continue;
    } else {
      break;
    }
  }
  return out;
}

function ordinaryWords(entries: readonly CatalogEntry[]): Set<string> {
  const ordinary = new Set<string>([...STOP_WORDS].map(foldWord));
  for (const e of entries) {
    for (const text of [e.name, e.summary, ...e.aliases]) {
      for (const w of words(text)) if (!isCapitalised(w.raw)) ordinary.add(w.norm);
    }
  }
  return ordinary;
}
