// The top few passages for a question, scored over MiniSearch's own index exactly as its search()
// scores them (BM25 with its defaults, its prefix and fuzzy weights, OR over subqueries, the score
// times the number of query terms matched), but into typed arrays indexed by short id, keeping
// only the best `limit`. search() builds a result object, a terms array and a match record for
// every passage that matches any term (thousands in a large library), then sorts them all; that
// and the garbage it leaves was most of the time of a question.
//
// Scores must equal search()'s to the last bit, since ties are broken by document and place: each
// sum is formed in MiniSearch's order (per term, then per subquery, then over subqueries).

import type MiniSearch from 'minisearch';
import type SearchableMap from 'minisearch/SearchableMap';
import type { IndexedDoc, MiniInternals as IndexInternals } from './incremental.js';

/** One subquery as search() builds it: space-separated processed terms, searched in some fields. */
export interface Subquery {
  queries: [string];
  fields: string[];
  boost: Record<string, number>;
  prefix?: (term: string, i: number, terms: string[]) => boolean;
  fuzzy?: (term: string, i: number, terms: string[]) => number | false;
  maxFuzzy?: number;
  boostTerm?: (term: string, i: number, terms: string[]) => number;
}

/** What search() keeps of a MiniSearch result. */
export interface Scored {
  id: string;
  score: number;
  /** The query terms the passage matched, in the order MiniSearch lists them. */
  queryTerms: string[];
}

/** Per term, per field id: short id → how often the field holds the term. */
type FieldTermData = Map<number, Map<number, number>>;

/** What the scorer reads besides incremental.ts: the index as a SearchableMap, and discarding a posting. */
interface MiniInternals extends IndexInternals {
  _index: SearchableMap<FieldTermData>;
  /** Drops a discarded document's posting, as search() does when it meets one. */
  removeTerm(fieldId: number, shortId: number, term: string): void;
}

// MiniSearch's defaults: BM25 parameters, the weights of prefix and fuzzy matches, maxFuzzy.
const K = 1.2;
const B = 0.7;
const D = 0.5;
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const MAX_FUZZY = 6;

/** One term of a subquery, once scored: the posting lists it read, to list a passage's terms by. */
interface Spec {
  source: number;
  postings: Map<number, number>[];
}

export class TopScorer {
  private capacity = 0;
  /** The sums at each level: one term, one subquery, the whole query. */
  private termSum = new Float64Array(0);
  private subquerySum = new Float64Array(0);
  private totalSum = new Float64Array(0);
  private inTerm = new Uint8Array(0);
  private inSubquery = new Uint8Array(0);
  private inTotal = new Uint8Array(0);
  /** Per passage, a bit per distinct query term it matched (words of `width` 32 bits each). */
  private matched = new Uint32Array(0);
  private width = 0;
  private termTouched: number[] = [];
  private subqueryTouched: number[] = [];
  private touched: number[] = [];
  /** Set while a search runs: if one ever stops half-way, the next starts from clean arrays. */
  private dirty = false;

  constructor(
    private readonly mini: MiniSearch<IndexedDoc>,
    /** Orders passages of equal score (by document, then place). */
    private readonly compare: (a: string, b: string) => number,
  ) {
    // Another MiniSearch may keep its index otherwise: say so at start-up, not with wrong answers.
    const m = mini as unknown as Partial<MiniInternals>;
    if (typeof m.removeTerm !== 'function' || typeof m._index?.fuzzyGet !== 'function' || !(m._fieldLength instanceof Map) || !(m._documentIds instanceof Map) || !Array.isArray(m._avgFieldLength)) {
      throw new Error('this MiniSearch does not keep its index as scorer.ts reads it: set the index option scorer to "minisearch"');
    }
  }

  /** The best `limit` passages, best first, as MiniSearch's search() followed by settleTies would give them. */
  top(subqueries: readonly Subquery[], limit: number): Scored[] {
    const m = this.mini as unknown as MiniInternals;
    const parsed = subqueries.map((sq) => ({ sq, terms: sq.queries[0].split(' ').filter(Boolean) }));
    const sources: string[] = [];
    for (const { terms } of parsed) for (const t of terms) if (!sources.includes(t)) sources.push(t);
    this.prepare(m._nextId, Math.ceil(sources.length / 32));
    const specs: Spec[] = [];
    for (const { sq, terms } of parsed) {
      const boosts = [...new Set(sq.fields)].map((field) => ({ fieldId: m._fieldIds[field]!, boost: (Object.hasOwn(sq.boost, field) ? sq.boost[field] : undefined) || 1 }));
      terms.forEach((term, i) => {
        const spec: Spec = { source: sources.indexOf(term), postings: [] };
        specs.push(spec);
        this.scoreTerm(m, spec, term, sq, boosts, sq.boostTerm ? sq.boostTerm(term, i, terms) : 1, sq.prefix?.(term, i, terms), sq.fuzzy?.(term, i, terms));
        this.fold(this.termTouched, this.inTerm, this.termSum, this.subqueryTouched, this.inSubquery, this.subquerySum);
      });
      this.fold(this.subqueryTouched, this.inSubquery, this.subquerySum, this.touched, this.inTotal, this.totalSum);
    }
    const best = this.select(limit).map((doc) => ({ id: m._documentIds.get(doc)!, score: this.totalSum[doc]!, queryTerms: this.termsOf(doc, specs, sources) }));
    this.clear();
    return best;
  }

  /** One query term: exactly, then by prefix, then typo-tolerantly (MiniSearch's executeQuerySpec). */
  private scoreTerm(m: MiniInternals, spec: Spec, term: string, sq: Subquery, boosts: { fieldId: number; boost: number }[], termBoost: number, prefix: boolean | undefined, fuzzy: number | false | undefined): void {
    this.postings(m, spec, term, 1, termBoost, m._index.get(term), boosts);
    const prefixMatches = prefix ? m._index.atPrefix(term) : undefined;
    let fuzzyMatches: Map<string, [FieldTermData, number]> | undefined;
    if (fuzzy) {
      const maxDistance = fuzzy < 1 ? Math.min(sq.maxFuzzy ?? MAX_FUZZY, Math.round(term.length * fuzzy)) : fuzzy;
      if (maxDistance) fuzzyMatches = m._index.fuzzyGet(term, maxDistance);
    }
    if (prefixMatches) {
      for (const [derived, data] of prefixMatches) {
        const distance = derived.length - term.length;
        if (!distance) continue;
        // A word found both ways counts as a prefix match.
        fuzzyMatches?.delete(derived);
        this.postings(m, spec, derived, (PREFIX_WEIGHT * derived.length) / (derived.length + 0.3 * distance), termBoost, data, boosts);
      }
    }
    if (fuzzyMatches) {
      for (const [derived, [data, distance]] of fuzzyMatches) {
        if (!distance) continue;
        this.postings(m, spec, derived, (FUZZY_WEIGHT * derived.length) / (derived.length + distance), termBoost, data, boosts);
      }
    }
  }

  /** BM25 of one index term in each field, added to the current term's sums (MiniSearch's termResults). */
  private postings(m: MiniInternals, spec: Spec, derived: string, termWeight: number, termBoost: number, data: FieldTermData | undefined, boosts: { fieldId: number; boost: number }[]): void {
    if (!data) return;
    const { termSum, inTerm, termTouched, matched, width } = this;
    const word = spec.source >>> 5;
    const bit = 1 << (spec.source & 31);
    const total = m._documentCount;
    for (const { fieldId, boost } of boosts) {
      const freqs = data.get(fieldId);
      if (!freqs) continue;
      spec.postings.push(freqs);
      const avgLength = m._avgFieldLength[fieldId]!;
      const weight = termWeight * termBoost * boost;
      let matching = freqs.size;
      let idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
      for (const [doc, termFreq] of freqs) {
        if (!m._documentIds.has(doc)) {
          // A discarded passage: MiniSearch drops its posting and counts the term's passages down.
          m.removeTerm(fieldId, doc, derived);
          matching -= 1;
          idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
          continue;
        }
        const length = m._fieldLength.get(doc)![fieldId]!;
        const score = idf * (D + (termFreq * (K + 1)) / (termFreq + K * (1 - B + (B * length) / avgLength)));
        termSum[doc] = termSum[doc]! + weight * score;
        if (!inTerm[doc]) {
          inTerm[doc] = 1;
          termTouched.push(doc);
        }
        matched[doc * width + word]! |= bit;
      }
    }
  }

  /** Adds the passages' sums at one level into the next (MiniSearch's OR of two result sets). */
  private fold(from: number[], inFrom: Uint8Array, fromSum: Float64Array, to: number[], inTo: Uint8Array, toSum: Float64Array): void {
    for (const doc of from) {
      toSum[doc] = toSum[doc]! + fromSum[doc]!;
      fromSum[doc] = 0;
      inFrom[doc] = 0;
      if (!inTo[doc]) {
        inTo[doc] = 1;
        to.push(doc);
      }
    }
    from.length = 0;
  }

  /** The best `limit` passages: each score times its number of terms, then settleTies' order. */
  private select(limit: number): number[] {
    const { touched, totalSum, matched, width } = this;
    for (const doc of touched) {
      let terms = 0;
      for (let w = 0; w < width; w++) terms += bitCount(matched[doc * width + w]!);
      totalSum[doc] = totalSum[doc]! * (terms || 1);
    }
    const k = Math.min(limit, touched.length);
    if (k <= 0) return [];
    const cutoff = kthLargest(touched, totalSum, k);
    // Every passage at the cutoff stays in the running: ties are settled by document and place.
    const head = touched.filter((doc) => totalSum[doc]! >= cutoff);
    const ids = this.mini as unknown as MiniInternals;
    head.sort((a, b) => totalSum[b]! - totalSum[a]! || this.compare(ids._documentIds.get(a)!, ids._documentIds.get(b)!));
    return head.slice(0, k);
  }

  /** The query terms a passage matched, in the order MiniSearch collects them: by the first term that found it. */
  private termsOf(doc: number, specs: readonly Spec[], sources: readonly string[]): string[] {
    const out: string[] = [];
    for (const spec of specs) {
      const term = sources[spec.source]!;
      if (!out.includes(term) && spec.postings.some((p) => p.has(doc))) out.push(term);
    }
    return out;
  }

  private prepare(size: number, width: number): void {
    if (this.dirty) this.reset();
    if (size > this.capacity || width > this.width) {
      const capacity = Math.max(size, Math.ceil(this.capacity * 1.5));
      this.termSum = new Float64Array(capacity);
      this.subquerySum = new Float64Array(capacity);
      this.totalSum = new Float64Array(capacity);
      this.inTerm = new Uint8Array(capacity);
      this.inSubquery = new Uint8Array(capacity);
      this.inTotal = new Uint8Array(capacity);
      this.width = Math.max(width, this.width, 1);
      this.matched = new Uint32Array(capacity * this.width);
      this.capacity = capacity;
    }
    this.dirty = true;
  }

  private clear(): void {
    const { touched, totalSum, inTotal, matched, width } = this;
    for (const doc of touched) {
      totalSum[doc] = 0;
      inTotal[doc] = 0;
      matched.fill(0, doc * width, doc * width + width);
    }
    touched.length = 0;
    this.dirty = false;
  }

  private reset(): void {
    for (const a of [this.termSum, this.subquerySum, this.totalSum, this.inTerm, this.inSubquery, this.inTotal, this.matched]) a.fill(0);
    this.termTouched.length = 0;
    this.subqueryTouched.length = 0;
    this.touched.length = 0;
    this.dirty = false;
  }
}

/** The k-th largest score among the passages (k ≥ 1): a short sorted list for the few a question wants. */
function kthLargest(docs: readonly number[], scores: Float64Array, k: number): number {
  if (k > 64) {
    const all = Float64Array.from(docs, (d) => scores[d]!).sort();
    return all[all.length - k]!;
  }
  const best: number[] = [];
  for (const doc of docs) {
    const s = scores[doc]!;
    if (best.length === k && s <= best[k - 1]!) continue;
    let i = best.length === k ? k - 1 : best.length;
    while (i > 0 && best[i - 1]! < s) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = s;
  }
  return best[k - 1]!;
}

function bitCount(n: number): number {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
