// How names and running text are cut into comparable words, the same way on both sides, so
// "High-Level Dialogue", "high level dialogue" and "HIGH-LEVEL DIALOGUE" meet, as do
// "Programme"/"Program", "Labour"/"Labor", "Conventions"/"Convention" and "C097"/"C 97".

export interface Word {
  /** As written (after accents are stripped): needed to tell MIGRANT from "migrant". */
  raw: string;
  /** The folded form compared against the catalog. */
  norm: string;
}

// Letters and digits are separate words ("C143" → "C", "143"; "58/208" → "58", "208"),
// so every way of writing a convention number reduces to the same words.
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
// Accents are stripped by NFKD, which is slow; punctuation such as curly quotes and dashes (the
// General Punctuation block, no-break space) splits words either way, so it needs none.
const NEEDS_FOLDING = /[^\x00-\x7f\u00a0\u2000-\u206f]/;

// British and American spellings both occur in the documents ("Special Action Program",
// "International Migration Policy Programme"); people type either.
const SPELLING: ReadonlyMap<string, string> = new Map([
  ['programme', 'program'],
  ['labour', 'labor'],
  ['centre', 'center'],
  ['favour', 'favor'],
  // A convention is also called a treaty: "the 1990 treaty" is "the 1990 convention".
  ['treaty', 'convention'],
  ['treatie', 'convention'],
]);

// Folding is the costly part of reading a passage, and a corpus has a small vocabulary:
// remember each word's fold (bounded, so odd input cannot grow it without limit).
const folded = new Map<string, string>();
const FOLD_CACHE_LIMIT = 200_000;

export function words(text: string): Word[] {
  const plain = plainText(text);
  const bounds: number[] = [];
  const n = wordBounds(plain, bounds);
  const out: Word[] = new Array(n);
  for (let k = 0; k < n; k++) out[k] = word(plain.slice(bounds[2 * k]!, bounds[2 * k + 1]!));
  return out;
}

/** Text as words are read from it: accents stripped. */
export function plainText(text: string): string {
  return NEEDS_FOLDING.test(text) ? text.normalize('NFKD').replace(/\p{M}/gu, '') : text;
}

/**
 * Where the words of plain text (see plainText) are, without cutting them out: word k runs from
 * bounds[2k] to bounds[2k + 1]. Returns the number of words. (The mention finder cuts out only
 * the few words that can start a name.)
 */
export function wordBounds(plain: string, bounds: number[]): number {
  // A hand-written scan: a regex over every passage was the slowest step of indexing.
  let n = 0;
  let start = -1;
  let kind = 0;
  for (let i = 0; i <= plain.length; i++) {
    const k = i < plain.length ? charKind(plain, i) : 0;
    if (k === kind) continue;
    if (kind) {
      bounds[2 * n] = start;
      bounds[2 * n + 1] = i;
      n++;
    }
    kind = k;
    start = i;
  }
  return n;
}

/** 1 for a letter, 2 for a digit, 0 for anything else. */
function charKind(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : c >= 48 && c <= 57 ? 2 : 0;
  const ch = text[i]!;
  return LETTER.test(ch) ? 1 : DIGIT.test(ch) ? 2 : 0;
}

function word(raw: string): Word {
  return { raw, norm: fold(raw) };
}

/** A word's folded form, remembered. */
export function fold(raw: string): string {
  let norm = folded.get(raw);
  if (norm === undefined) {
    norm = foldWord(raw);
    if (folded.size >= FOLD_CACHE_LIMIT) folded.clear();
    folded.set(raw, norm);
  }
  return norm;
}

export function foldWord(raw: string): string {
  let w = raw.toLowerCase();
  if (/^\p{N}+$/u.test(w)) return w.replace(/^0+(?=\d)/, ''); // C097 is C97
  // A crude singular: enough to make "Conventions 97 and 143" and "Decent Work Pilot
  // Programmes" meet their singular names; both sides are folded alike, so odd stems are harmless.
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  w = SPELLING.get(w) ?? w;
  // -ise/-ize: "Mobilising"/"Mobilizing", "organisation"/"organization".
  if (w.length >= 6) w = w.replace(/is(e|ed|ing|ation)$/, 'iz$1');
  return w;
}

/** A word written in capitals (two letters or more): an acronym such as MIGRANT, IMP or ICRMW. */
export function isCapitalised(raw: string): boolean {
  return raw.length >= 2 && /^\p{Lu}+$/u.test(raw);
}

// "C143", "C 143", "Convention 143", "Convention No. 143", "No.143" all name one convention:
// they share one key. (A leading qualifier such as "ILO" is the catalog's to strip: see qualifiers.)
const CONVENTION_NUMBER = /^(?:(?:convention|c) (?:no )?|no )(\d{1,3})$/;

/** The key a name is looked up by: folded words, no leading "the", convention numbers unified. */
export function lookupKey(name: string): string {
  let key = words(name)
    .map((w) => w.norm)
    .join(' ');
  if (key.startsWith('the ')) key = key.slice(4);
  const n = CONVENTION_NUMBER.exec(key);
  return n ? `convention ${n[1]}` : key;
}

/** The convention number a key stands for ("convention 143" → 143), if it is one. */
export function conventionNumber(key: string): number | undefined {
  const m = /^convention (\d+)$/.exec(key);
  return m ? Number(m[1]) : undefined;
}
