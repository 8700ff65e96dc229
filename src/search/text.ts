// How text becomes search terms, the same way for passages and for questions:
// split on anything that is not a letter or a digit, fold case and accents, drop English
// stop words, and reduce words to their stem ("remittances" and "remittance" meet). Porter2
// (Snowball English) rather than the original Porter: it keeps "general" and "generation"
// apart, and measured better on the evaluation set (top-1 86.7% vs 85.7%).

import stemmer from 'wink-porter2-stemmer';
import { numberPhrases, ordinalDigits, unitDigits } from './numbers.js';

// Splitting on "not a letter, digit or mark" (rather than MiniSearch's default space/punctuation
// list) also splits on tabs, NUL and zero-width spaces, which the default keeps inside tokens.

// A standard English list plus the words people wrap questions in ("what does the paper say
// about ..."): they match nearly every passage, so they slow queries and blur ranking.
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below between both
  but by can cannot could couldn't did didn't do does doesn't doing don't down during each few for from further had hadn't
  has hasn't have haven't having he her here hers herself him himself his how i if in into is isn't it it's its itself
  let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same
  shan't she should shouldn't so some such than that that's the their theirs them themselves then there there's these they
  this those through to too under until up very was wasn't we were weren't what what's when where which while who whom why
  will with won't would wouldn't you your yours yourself yourselves s t d ll m re ve
  also etc e g eg ie i.e may might must shall us
  tell say says said explain describe mention mentions mentioned paper document documents text doc please anything
  know like kind sort
  thanks thank thx pls plz hi hello hey cheers kindly`.split(/\s+/).filter(Boolean),
);

// Characters that are invisible yet split a word in two for the tokenizer: zero-width space and
// non-joiner, word joiner, byte-order mark, soft hyphen. A zero-width joiner is part of an emoji
// sequence (👩‍⚖️) between emoji, and as invisible as the others anywhere else.
const INVISIBLE = /[\u00AD\u200B\u200C\u2060\uFEFF]|(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const MAYBE_INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;

/** Text as search sees it: the invisible characters people paste without knowing are gone. */
export function searchText(text: string): string {
  return MAYBE_INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text;
}

// "co-operation" and "cooperation", "multi-lateral" and "multilateral" are one word: a hyphen after
// these prefixes joins rather than splits ("second-generation" still splits, as "second generation").
const JOINING_PREFIXES = ['co', 'pre', 'anti', 'multi', 'inter', 'intra', 'sub', 'semi', 'socio', 'macro', 'micro'];
const LETTER = /\p{L}/u;
// The two non-ASCII characters that case-insensitive Unicode regexes count as word characters.
const LONG_S = 0x17f;
const KELVIN = 0x212a;

export function tokenize(text: string): string[] {
  const plain = searchText(text);
  return numberPhrases(splitTokens(joinPrefixes(plain)));
}

/**
 * The hyphen after a joining prefix out: text.replace(/\b(co|pre|…|micro)-(?=\p{L})/giu, '$1'), by
 * hand (the regex was a quarter of tokenizing a passage). A prefix starts a word: no ASCII letter,
 * digit or underscore before it, as for \b.
 */
export function joinPrefixes(text: string): string {
  let hyphen = text.indexOf('-');
  if (hyphen < 0) return text;
  let out = '';
  let from = 0;
  for (; hyphen >= 0; hyphen = text.indexOf('-', hyphen + 1)) {
    const next = text.codePointAt(hyphen + 1);
    if (next === undefined || !(next < 128 ? (next | 32) >= 97 && (next | 32) <= 122 : LETTER.test(String.fromCodePoint(next)))) continue;
    if (!JOINING_PREFIXES.some((p) => prefixEndsAt(text, p, hyphen))) continue;
    out += text.slice(from, hyphen);
    from = hyphen + 1;
  }
  return from ? out + text.slice(from) : text;
}

function prefixEndsAt(text: string, prefix: string, end: number): boolean {
  const start = end - prefix.length;
  if (start < 0) return false;
  for (let k = 0; k < prefix.length; k++) {
    const c = text.charCodeAt(start + k);
    // Case-insensitive as the regex was: "ſ" (long s) folds to "s" too.
    if ((c | 32) !== prefix.charCodeAt(k) && !(c === LONG_S && prefix[k] === 's')) return false;
  }
  if (start === 0) return true;
  const before = text.charCodeAt(start - 1);
  return !((before >= 48 && before <= 57) || ((before | 32) >= 97 && (before | 32) <= 122) || before === 95 || before === LONG_S || before === KELVIN);
}

const TOKEN_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * text.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean), by hand: the regex split was the costliest part of
 * tokenizing a passage. Plain ASCII is judged by its code; anything else by the same character
 * classes, a code point at a time.
 */
export function splitTokens(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    let size = 1;
    let inside: boolean;
    if (c < 128) {
      inside = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    } else {
      const cp = text.codePointAt(i)!;
      size = cp > 0xffff ? 2 : 1;
      inside = TOKEN_CHAR.test(String.fromCodePoint(cp));
    }
    if (inside) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    }
    i += size;
  }
  if (start >= 0) out.push(text.slice(start));
  return out;
}

// British and American spellings meet on one form before stemming (both sides alike, so the
// form chosen need not be a real word): "labour"/"labor", "organisation"/"organization".
const SPELLING: ReadonlyMap<string, string> = new Map([
  ['programme', 'program'],
  ['programmes', 'programs'],
  ['centre', 'center'],
  ['centres', 'centers'],
  ['licence', 'license'],
  ['defence', 'defense'],
  ['ageing', 'aging'],
  ['travelled', 'traveled'],
  ['travelling', 'traveling'],
  ['enrol', 'enroll'],
  ['fulfil', 'fulfill'],
]);
// Words spelt -ise on both sides of the Atlantic (and -yse words that are no -yze): never turned into -ize.
const ALWAYS_ISE: ReadonlySet<string> = new Set(
  `advise apprise arise chastise circumcise comprise compromise concise demise despise devise disguise enterprise excise
  exercise expertise franchise improvise incise merchandise otherwise paradise precise premise promise reprise revise
  supervise surmise surprise televise treatise`.split(/\s+/).filter(Boolean),
);
const OUR_WORD = /^(labo|favo|behavio|colo|hono|neighbo|harbo|endeavo|vigo|rumo|humo|savio)ur/;

function americanSpelling(word: string): string {
  const listed = SPELLING.get(word);
  if (listed) return listed;
  let w = word.replace(OUR_WORD, '$1r');
  // -ise/-ize and -yse/-yze: "mobilising"/"mobilizing", "analyse"/"analyze"; not the words only ever
  // spelt -ise ("supervise" would stem apart from "supervision").
  if (w.length >= 6) w = w.replace(/^(.*[a-z]{3})(i|y)s(e|ed|es|ing|ation|ations|er|ers)$/, (form, stem: string, vowel: string, ending: string) => (ALWAYS_ISE.has(`${stem}${vowel}se`) ? form : `${stem}${vowel}z${ending}`));
  return w;
}

// Stemming is the costly step of every question and passage; words repeat endlessly.
const termCache = new Map<string, string | null>();

/** One token → its search term, or null for a stop word. */
export function toTerm(token: string): string | null {
  let term = termCache.get(token);
  if (term === undefined) {
    if (termCache.size > 200_000) termCache.clear();
    term = computeTerm(token);
    termCache.set(token, term);
  }
  return term;
}

function computeTerm(token: string): string | null {
  const word = token.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  // A lone letter ("b", an initial) matches by accident, never by meaning.
  if (!word || STOP_WORDS.has(word) || (word.length === 1 && !/\d/.test(word))) return null;
  // Stemming digits or codes ("c143", "58") would only mangle them.
  if (/\d/.test(word)) return word;
  // Numbers are written both ways ("four key issues", "GATS Mode 4", "the fourth"/"4th"): words become digits (longer
  // number phrases are already digits: see numbers.ts).
  const number = unitDigits(word) ?? ordinalDigits(word);
  if (number) return number;
  // Porter2 leaves "ratify" as "ratifi" but "ratification" as "ratif": one form for both.
  const stem = stemmer(americanSpelling(word));
  return stem.endsWith('ifi') ? stem.slice(0, -1) : stem;
}

/** The distinct search terms of a text, in order of first appearance. */
export function terms(text: string): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(text)) {
    const term = toTerm(token);
    if (term) seen.add(term);
  }
  return [...seen];
}
