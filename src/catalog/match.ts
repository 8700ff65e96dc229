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
import { conventionNumber, fold, foldWord, isCapitalised, lookupKey, plainText, wordBounds, words, type Word } from './words.js';

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

/**
 * everyWord reads every word as a possible start of a name: slower, with the same results (the
 * tests compare the two); by default only words whose first letters some name starts with are.
 */
export function compileMentions(entries: readonly CatalogEntry[], { everyWord = false } = {}): MentionFinder {
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

  const starts = startTable([...root.next.keys(), 'convention']);
  const ws = new LazyWords();

  const fits = (v: Variant, start: number, end: number): boolean => {
    if (!v.capitalsOnly) return true;
    for (let k = 0; k < v.capitalsOnly.length; k++) {
      if (v.capitalsOnly[k] && !isCapitalised(ws.at(start + k)!.raw)) return false;
    }
    return !shouted(ws.at(start - 1)) && !shouted(ws.at(end + 1));
  };

  return (text: string): CatalogEntry[] => {
    const n = ws.read(text);
    // Insertion order of a Map is the order of first mention, since positions only grow.
    const found = new Map<CatalogEntry, true>();
    for (let i = 0; i < n; i++) {
      if (!everyWord && !ws.startsWith(i, starts)) continue;
      // The longest name starting here; shorter names inside it are found from their own start.
      let node: Node | undefined = root;
      let best: CatalogEntry | undefined;
      for (let j = i; j < n; j++) {
        node = node.next.get(ws.at(j)!.norm);
        if (!node) break;
        for (const v of node.variants) {
          if (fits(v, i, j)) {
            best = v.entry;
            break;
          }
        }
      }
      if (best) found.set(best, true);
      if (ws.at(i)!.norm === 'convention') for (const e of numberedConventions(ws, i + 1, n, byNumber)) found.set(e, true);
    }
    ws.done();
    return [...found.keys()];
  };
}

/**
 * The words of one text at a time, each cut out of it and folded only when first asked for:
 * most words start no name, and cutting out every word was most of the cost of tagging.
 */
class LazyWords {
  private plain = '';
  private n = 0;
  private readonly bounds: number[] = [];
  private readonly cut: (Word | undefined)[] = [];
  /** Which words are cut out (an entry of cut is valid when its stamp is the current text's). */
  private readonly stamps: number[] = [];
  private text = 0;

  read(text: string): number {
    this.plain = plainText(text);
    this.n = wordBounds(this.plain, this.bounds);
    this.text++;
    return this.n;
  }

  at(k: number): Word | undefined {
    if (k < 0 || k >= this.n) return undefined;
    if (this.stamps[k] === this.text) return this.cut[k];
    const raw = this.plain.slice(this.bounds[2 * k]!, this.bounds[2 * k + 1]!);
    const w = { raw, norm: fold(raw) };
    this.cut[k] = w;
    this.stamps[k] = this.text;
    return w;
  }

  startsWith(k: number, starts: StartTest): boolean {
    return starts(this.plain, this.bounds[2 * k]!, this.bounds[2 * k + 1]!);
  }

  /** Lets go of the text (and of a huge text's arrays). */
  done(): void {
    this.plain = '';
    if (this.bounds.length > 1 << 16) this.bounds.length = this.cut.length = this.stamps.length = 0;
  }
}

/** "Conventions 97 and 143", "Convention 97 or 143", "Conventions Nos. 97, 143": each number named. */
function numberedConventions(ws: LazyWords, from: number, n: number, byNumber: ReadonlyMap<number, CatalogEntry>): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  let sawNumber = false;
  for (let j = from; j < n; j++) {
    const w = ws.at(j)!.norm;
    if (/^\d{1,3}$/.test(w)) {
      const e = byNumber.get(Number(w));
      if (e) out.push(e);
      sawNumber = true;
    } else if (w === 'no' || w === 'nos') {
      continue;
    } else if (sawNumber && (w === 'and' || w === 'or') && /^(\d{1,3}|no|nos)$/.test(ws.at(j + 1)?.norm ?? '')) {
      continue;
    } else {
      break;
    }
  }
  return out;
}

type StartTest = (plain: string, start: number, end: number) => boolean;

/**
 * Whether a word (plain.slice(start, end)) may fold to one of the given folded words, judged by its
 * first three characters, lower-cased: folding keeps those (it changes endings only, and keeps
 * three letters at least), except that "is" may become "iz" and numbers lose leading zeros.
 * A word with other than plain ASCII there may always.
 */
function startTable(norms: readonly string[]): StartTest {
  const table = new Uint8Array(128 * 128 * 128);
  let digits = false;
  const code = (a: number, b: number, c: number) => (a * 128 + b) * 128 + c;
  for (const norm of norms) {
    const c = [0, 1, 2].map((i) => (i < norm.length ? norm.charCodeAt(i) : 0));
    if (c[0]! >= 48 && c[0]! <= 57) digits = true;
    if (c.some((x) => x >= 128)) continue; // such words are always read
    table[code(c[0]!, c[1]!, c[2]!)] = 1;
    // z: "iz" from "is" ("rising" folds to "rizing").
    if (c[1] === 122) table[code(c[0]!, 115, c[2]!)] = 1;
    if (c[2] === 122) table[code(c[0]!, c[1]!, 115)] = 1;
  }
  const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
  return (plain, start, end) => {
    const length = end - start;
    const c0 = plain.charCodeAt(start);
    const c1 = length > 1 ? plain.charCodeAt(start + 1) : 0;
    const c2 = length > 2 ? plain.charCodeAt(start + 2) : 0;
    if (c0 >= 128 || c1 >= 128 || c2 >= 128) return true;
    if (c0 >= 48 && c0 <= 57) return digits;
    return table[code(lower(c0), lower(c1), lower(c2))] === 1;
  };
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
