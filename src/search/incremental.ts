// The live contents of a passage index: MiniSearch plus everything derived per passage
// (document frequencies, the speller's vocabulary, catalog tags), kept in step as passages come
// and go, so that an index updated in place answers exactly as one built from scratch.
//
// Passages leave through MiniSearch's remove (not discard): discard leaves the passage in the
// posting lists until a vacuum, and until then MiniSearch counts it in a term's document
// frequency, so scores would drift from a fresh build's. remove needs the document exactly as
// it was added; it is rebuilt from the passage and its stored tags.
//
// Counting happens while MiniSearch tokenizes (its processTerm), so each passage is tokenized
// once, whether it is added or removed.

import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import type { Passage } from '../corpus/types.js';
import { buildSpeller, type LiveSpeller } from './spelling.js';

export interface IndexedDoc {
  id: string;
  text: string;
  section: string;
  document: string;
  entities: string;
}

/** The fields whose terms count as a passage's words (document frequency, vocabulary). */
const COUNTED_FIELDS: ReadonlySet<string> = new Set(['text', 'section']);

/** MiniSearch keeps these private; they are read to keep field-length averages exact, to write snapshots, and by scorer.ts. */
export interface MiniInternals {
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _idToShortId: Map<string, number>;
  _documentIds: Map<number, string>;
  _documentCount: number;
  _nextId: number;
  _fieldIds: Record<string, number>;
  _dirtCount: number;
  _index: Iterable<[string, Map<number, Map<number, number>>]> & { set(term: string, data: Map<number, Map<number, number>>): void };
}

export interface ContentsSetup {
  /** MiniSearch options; processTerm is wrapped to count terms as passages are tokenized. */
  mini: Options<IndexedDoc>;
  /** Keep a speller over the vocabulary. */
  spelling: boolean;
  /** The catalog entries a passage mentions, given its tagText. */
  tagger?: (text: string) => string[];
  /** The terms of a document title (counted per passage: see titleDf). */
  titleTerms?: (title: string) => string[];
}

/** What a passage is tagged from: the document title is context too (a note titled after a convention is about it throughout). */
export function tagText(p: Passage): string {
  return `${p.document}\n${p.section}\n${p.text}`;
}

/**
 * What a snapshot keeps of the contents, beside the passages (kept per document, in order) and
 * the posting lists (binary: see postings()).
 */
export interface ContentsData {
  mini: object;
  df: [string, number][];
  titleDf: [string, number][];
  vocabulary: [string, number][];
  tags: [string, readonly string[]][];
}

export interface RestoreData extends ContentsData {
  /** Every passage, each document's together and in order. */
  passages: Iterable<Passage>;
  postings: Uint8Array;
}

/** A running count, shared by every spelling of a token that leads to it. */
interface Tally {
  n: number;
  /** The passage that last counted this term (a passage counts each term once). */
  seenIn: number;
}

/** What one token as written (a raw token) counts towards, worked out once per index. */
interface TokenCounts {
  term: string | null;
  termTally: Tally | undefined;
  /** The token lower-cased, for the speller's vocabulary. */
  wordTally: Tally | undefined;
  word: string;
}

/**
 * Counts by key that answer like a Map<string, number> of the positive ones (get, has, keys,
 * iteration). Tallies stay when they fall to zero: tokens remember them, and they come back.
 */
export class Counts implements Iterable<[string, number]> {
  private readonly tallies = new Map<string, Tally>();

  tally(key: string): Tally {
    let t = this.tallies.get(key);
    if (!t) this.tallies.set(key, (t = { n: 0, seenIn: -1 }));
    return t;
  }

  get(key: string): number | undefined {
    const n = this.tallies.get(key)?.n;
    return n ? n : undefined;
  }

  has(key: string): boolean {
    return !!this.tallies.get(key)?.n;
  }

  set(key: string, n: number): void {
    this.tally(key).n = n;
  }

  *keys(): Generator<string> {
    for (const [k, t] of this.tallies) if (t.n) yield k;
  }

  *[Symbol.iterator](): Generator<[string, number]> {
    for (const [k, t] of this.tallies) if (t.n) yield [k, t.n];
  }
}

/** Raw tokens remembered per index; past this many (odd input) the memory starts afresh. */
const TOKEN_MEMORY = 1_000_000;

export class IndexContents {
  readonly mini: MiniSearch<IndexedDoc>;
  readonly df = new Counts();
  /** In how many passages' document titles a term occurs. */
  readonly titleDf = new Counts();
  /** Every word as written (lower-cased) → how often the passages use it: the speller's vocabulary. */
  readonly vocabulary = new Counts();
  readonly passages = new Map<string, Passage>();
  readonly tags = new Map<string, readonly string[]>();
  /** Each passage's place in its document: ties in score are broken by document, then place. */
  readonly positions = new Map<string, number>();
  speller: LiveSpeller | undefined;
  /** Moves on every change: a snapshot being written gives up when it does. */
  generation = 0;
  tagger: ((text: string) => string[]) | undefined;
  private readonly titleTerms: ((title: string) => string[]) | undefined;
  private readonly fieldTotals: number[] = [];
  /** +1 while a passage is added, -1 while one is removed, 0 otherwise (a search). */
  private sign = 0;
  /** Numbers the passages as they are counted, so that each counts a term once. */
  private passageSeq = 0;
  private readonly tokens = new Map<string, TokenCounts>();
  private readonly spelling: boolean;

  constructor(setup: ContentsSetup, restore?: RestoreData) {
    const processTerm = setup.mini.processTerm as (token: string, field?: string) => string | null;
    const options: Options<IndexedDoc> = {
      ...setup.mini,
      processTerm: (token, field) => {
        if (!this.sign || !COUNTED_FIELDS.has(field!)) return processTerm(token, field);
        // The hot loop of indexing: one lookup per token, then plain arithmetic.
        let counts = this.tokens.get(token);
        if (!counts) counts = this.remember(token, processTerm(token, field));
        const { termTally, wordTally } = counts;
        if (termTally && wordTally) {
          if (termTally.seenIn !== this.passageSeq) {
            termTally.seenIn = this.passageSeq;
            termTally.n += this.sign;
          }
          wordTally.n += this.sign;
          if (this.speller) {
            if (this.sign > 0 && wordTally.n === 1) this.speller.add(counts.word);
            else if (wordTally.n === 0) this.speller.remove(counts.word);
          }
        }
        return counts.term;
      },
    };
    this.tagger = setup.tagger;
    this.titleTerms = setup.titleTerms;
    this.spelling = setup.spelling;
    if (restore) {
      this.mini = MiniSearch.loadJS({ ...(restore.mini as object), index: [] } as never, options);
      readPostings(restore.postings, this.internals._index);
      for (const [k, v] of restore.df) this.df.set(k, v);
      for (const [k, v] of restore.titleDf) this.titleDf.set(k, v);
      for (const [k, v] of restore.vocabulary) this.vocabulary.set(k, v);
      let doc = '';
      let position = 0;
      for (const p of restore.passages) {
        position = p.doc === doc ? position + 1 : 0;
        doc = p.doc;
        this.passages.set(p.id, p);
        this.positions.set(p.id, position);
      }
      for (const [id, t] of restore.tags) this.tags.set(id, t);
      if (this.passages.size !== this.internals._documentCount) throw new Error('the passages and the index disagree');
      for (const lengths of this.internals._fieldLength.values()) lengths.forEach((n, f) => (this.fieldTotals[f] = (this.fieldTotals[f] ?? 0) + n));
      if (this.spelling) this.speller = buildSpeller(this.vocabulary);
    } else {
      this.mini = new MiniSearch<IndexedDoc>(options);
    }
  }

  get size(): number {
    return this.passages.size;
  }

  /** Adds passages; each document's passages come together and in order. */
  add(passages: readonly Passage[]): void {
    let doc = '';
    let position = 0;
    for (const p of passages) {
      if (this.passages.has(p.id)) throw new Error(`passage ${p.id} is already indexed`);
      position = p.doc === doc ? position + 1 : 0;
      doc = p.doc;
      const tags = this.tagger ? this.tagger(tagText(p)) : [];
      this.passages.set(p.id, p);
      this.positions.set(p.id, position);
      this.put(p, tags);
    }
    this.settle();
  }

  remove(passages: readonly Passage[]): void {
    for (const p of passages) {
      if (!this.passages.has(p.id)) continue;
      this.take(p);
      this.passages.delete(p.id);
      this.positions.delete(p.id);
    }
    this.settle();
  }

  /** New tags for some passages (a catalog change): each is taken out and put back with them. */
  retag(changes: ReadonlyMap<string, string[]>): void {
    for (const [id, tags] of changes) {
      const p = this.passages.get(id);
      if (!p) continue;
      this.take(p);
      this.put(p, tags);
    }
    this.settle();
  }

  /** Orders results of equal score by document, then place: the order of a fresh build. */
  settleTies(results: SearchResult[], limit: number): SearchResult[] {
    if (results.length <= 1 || limit <= 0) return results;
    const cutoff = results[Math.min(limit, results.length) - 1]!.score;
    let end = Math.min(limit, results.length);
    while (end < results.length && results[end]!.score === cutoff) end++;
    const head = results.slice(0, end).sort((a, b) => b.score - a.score || this.compare(a.id as string, b.id as string));
    return head;
  }

  /**
   * The contents as JSON (a ContentsData object), in small pieces, so a snapshot can be written
   * a little at a time between questions (MiniSearch's toJSON builds it all in one go). The
   * posting lists are left out: see postings(). Valid only while generation stays put.
   */
  *json(): Generator<string> {
    const m = this.internals;
    yield '{"df":';
    yield* jsonArray(this.df);
    yield ',"titleDf":';
    yield* jsonArray(this.titleDf);
    yield ',"vocabulary":';
    yield* jsonArray(this.vocabulary);
    yield ',"tags":';
    yield* jsonArray(filter(this.tags, ([, t]) => t.length > 0));
    yield `,"mini":{"documentCount":${m._documentCount},"nextId":${m._nextId},"documentIds":`;
    yield* jsonObject(m._documentIds);
    yield `,"fieldIds":${JSON.stringify(m._fieldIds)},"fieldLength":`;
    yield* jsonObject(m._fieldLength);
    yield `,"averageFieldLength":${JSON.stringify(m._avgFieldLength)},"storedFields":{},"dirtCount":${m._dirtCount},"serializationVersion":2}}`;
  }

  /**
   * The posting lists, binary, in pieces: per term its UTF-8 bytes, then per field the passages
   * and how often each uses the term, all as variable-length integers. As JSON they were half the
   * snapshot and most of the time to read it back.
   */
  *postings(): Generator<Uint8Array> {
    const out = new ByteWriter();
    for (const [term, fields] of this.internals._index) {
      const bytes = Buffer.from(term, 'utf8');
      out.uint(bytes.length);
      out.bytes(bytes);
      out.uint(fields.size);
      for (const [field, freqs] of fields) {
        out.uint(field);
        out.uint(freqs.size);
        for (const [doc, n] of freqs) {
          out.uint(doc);
          out.uint(n);
        }
      }
      if (out.length >= 1 << 20) yield out.take();
    }
    yield out.take();
  }

  /** Passages in a fresh build's order: by document, then place (how ties in score are settled). */
  compare(a: string, b: string): number {
    const pa = this.passages.get(a)!;
    const pb = this.passages.get(b)!;
    if (pa.doc !== pb.doc) return pa.doc < pb.doc ? -1 : 1;
    return this.positions.get(a)! - this.positions.get(b)!;
  }

  private get internals(): MiniInternals {
    return this.mini as unknown as MiniInternals;
  }

  private countTitle(p: Passage, sign: 1 | -1): void {
    if (!this.titleTerms) return;
    for (const term of this.titleTerms(p.document)) this.titleDf.tally(term).n += sign;
  }

  private remember(token: string, term: string | null): TokenCounts {
    if (this.tokens.size >= TOKEN_MEMORY) this.tokens.clear();
    const word = token.toLowerCase();
    const counts: TokenCounts = term === null ? { term, termTally: undefined, wordTally: undefined, word } : { term, termTally: this.df.tally(term), wordTally: this.vocabulary.tally(word), word };
    this.tokens.set(token, counts);
    return counts;
  }

  private put(p: Passage, tags: readonly string[]): void {
    this.sign = 1;
    this.passageSeq++;
    try {
      this.mini.add(indexedDoc(p, tags));
    } finally {
      this.sign = 0;
    }
    this.countTitle(p, 1);
    const lengths = this.internals._fieldLength.get(this.internals._idToShortId.get(p.id)!)!;
    lengths.forEach((n, f) => (this.fieldTotals[f] = (this.fieldTotals[f] ?? 0) + n));
    this.tags.set(p.id, tags);
  }

  private take(p: Passage): void {
    const lengths = this.internals._fieldLength.get(this.internals._idToShortId.get(p.id)!)!;
    lengths.forEach((n, f) => (this.fieldTotals[f] = (this.fieldTotals[f] ?? 0) - n));
    this.sign = -1;
    this.passageSeq++;
    try {
      this.mini.remove(indexedDoc(p, this.tags.get(p.id) ?? []));
    } finally {
      this.sign = 0;
    }
    this.countTitle(p, -1);
    this.tags.delete(p.id);
  }

  /**
   * MiniSearch updates its average field lengths by running sums, so after removals they drift
   * from a fresh build's in the last bits; set them from exact integer totals instead (a fresh
   * build does the same), so both score alike.
   */
  private settle(): void {
    const mini = this.internals;
    this.fieldTotals.forEach((total, f) => (mini._avgFieldLength[f] = mini._documentCount ? total / mini._documentCount : 0));
    if (this.spelling && !this.speller) this.speller = buildSpeller(this.vocabulary);
    this.generation++;
  }
}

const PIECE = 2_000;

class ByteWriter {
  private buffer = new Uint8Array(1 << 21);
  length = 0;

  uint(n: number): void {
    this.room(5);
    while (n > 0x7f) {
      this.buffer[this.length++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buffer[this.length++] = n;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buffer.set(b, this.length);
    this.length += b.length;
  }

  take(): Uint8Array {
    const out = this.buffer.slice(0, this.length);
    this.length = 0;
    return out;
  }

  private room(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const bigger = new Uint8Array(Math.max(this.buffer.length * 2, this.length + n));
    bigger.set(this.buffer.subarray(0, this.length));
    this.buffer = bigger;
  }
}

function readPostings(bytes: Uint8Array, index: MiniInternals['_index']): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length;
  let at = 0;
  // Decoding is most of a warm start: the varints are read inline, one byte being the common case.
  const uint = (): number => {
    let b = bytes[at++]!;
    if (b < 0x80) return b;
    let n = b & 0x7f;
    let scale = 0x80;
    do {
      b = bytes[at++]!;
      n += (b & 0x7f) * scale;
      scale *= 0x80;
    } while (b >= 0x80);
    return n;
  };
  while (at < end) {
    const length = uint();
    const term = text.toString('utf8', at, at + length);
    at += length;
    const data = new Map<number, Map<number, number>>();
    for (let fields = uint(); fields > 0; fields--) {
      const field = uint();
      const freqs = new Map<number, number>();
      for (let n = uint(); n > 0; n--) {
        let doc = bytes[at++]!;
        if (doc >= 0x80) {
          let b = doc;
          doc &= 0x7f;
          let scale = 0x80;
          do {
            b = bytes[at++]!;
            doc += (b & 0x7f) * scale;
            scale *= 0x80;
          } while (b >= 0x80);
        }
        const freq = bytes[at++]!;
        freqs.set(doc, freq < 0x80 ? freq : (at--, uint()));
      }
      data.set(field, freqs);
    }
    index.set(term, data);
  }
  if (at !== end) throw new Error('the posting lists are cut short');
}

function* jsonArray(items: Iterable<unknown>): Generator<string> {
  let out = '[';
  let n = 0;
  for (const item of items) {
    out += (n ? ',' : '') + JSON.stringify(item);
    if (++n % PIECE === 0) {
      yield out;
      out = '';
    }
  }
  yield `${out}]`;
}

function* jsonObject(entries: Iterable<[number, unknown]>): Generator<string> {
  let out = '{';
  let n = 0;
  for (const [key, value] of entries) {
    out += `${n ? ',' : ''}"${key}":${JSON.stringify(value)}`;
    if (++n % PIECE === 0) {
      yield out;
      out = '';
    }
  }
  yield `${out}}`;
}

function* filter<T>(items: Iterable<T>, keep: (item: T) => boolean): Generator<T> {
  for (const item of items) if (keep(item)) yield item;
}

export function indexedDoc(p: Passage, tags: readonly string[]): IndexedDoc {
  return { id: p.id, text: p.text, section: p.section, document: p.document, entities: tags.map(entityToken).join(' ') };
}

export function entityToken(id: string): string {
  return `entity:${id}`;
}
