// The passage index: MiniSearch, tuned for policy prose. Every tuning is an option with a
// default (as MiniSearch itself does), so the evaluation can switch each one off and measure it.

import type { SearchResult } from 'minisearch';
import type { Catalog } from '../catalog/load.js';
import type { Passage } from '../corpus/types.js';
import { searchText, terms as termsOf, tokenize, toTerm } from './text.js';
import { specificity } from './specificity.js';
import { irregularForms } from './inflections.js';
import { entityToken, IndexContents, type RestoreData } from './incremental.js';
import { antonyms as wordnetAntonyms, isEnglishWord, synonyms as wordnetSynonyms } from './wordnet.js';
import { countriesOfRegion } from './places.js';
import { CARDINAL_WORDS } from './numbers.js';
import { TopScorer, type Subquery } from './scorer.js';
import { matchCompounds } from './compounds.js';

export interface IndexOptions {
  /** Tags passages with the catalog entries they mention, and expands questions that name one. */
  catalog?: Catalog;
  /** Field weights: headings say what a passage is about, so they count for more than body text. */
  boost: { text: number; section: number; document: number; entities: number };
  /** Drop English stop words (and question filler) from passages and questions. */
  stopWords: boolean;
  /** Weigh question words by how specific they are in everyday English (see specificity.ts). */
  specificity: boolean;
  /** Weight of an entry's full name, searched when a question names the entry by an alias. */
  entityNameWeight: number;
  /** Correct misspelt words to the nearest word the documents use, before stemming. */
  spelling: boolean;
  /**
   * A question word WordNet knows is a real word, not a typo: it is neither corrected nor
   * matched typo-tolerantly ("light" is not "right", "statute" not "status").
   */
  spareEnglishWords: boolean;
  /** Typo tolerance for words at least this long (shorter words have too many neighbours: "what"/"that"). */
  fuzzyMinLength: number;
  /** Edit distance allowed, as a fraction of the word's length (MiniSearch's fuzzy). */
  fuzzy: number;
  /** Treat the last word as a prefix, for half-typed words ("remitt"), unless the question ends in punctuation. */
  prefixLastTerm: boolean;
  /** Look up question words no passage contains in WordNet, and search their synonyms the documents use. */
  synonyms: boolean;
  /** Search the other forms of an irregular verb the question uses ("seeking" also finds "sought"). */
  irregularVerbs: boolean;
  /** A continent the question names ("Asia", "African") also finds the passages naming its countries (countries-list). */
  regions: boolean;
  /** A word also finds its WordNet antonym when one is the other with a negating prefix ("irregular" finds "regular", "inequality" "equality"): the passage on one usually sets it against the other. */
  antonyms: boolean;
  /** Compounds written the other way from the documents meet them: "intra corporate" finds "intra-corporate", "extrabudgetary" finds "extra-budgetary" (compounds.ts). */
  compounds: boolean;
  /** Weight of a synonym against the word typed. */
  synonymWeight: number;
  /** Synonyms less specific than this are not used ("get" for "cope"): everyday words match everything. */
  synonymMinSpecificity: number;
  /** Leave out one- or two-digit numbers that no passage contains ("GATS Mode 4? (0)"). */
  dropStrayNumbers: boolean;
  /** At most this many terms are searched, rarest first: long questions cost no more than short ones. */
  maxQueryTerms: number;
  /** A term found in more than this share of passages is left out of the search (it still counts for coverage). */
  commonTermRatio: number;
  /** Search terms are added rarest first until they touch this many passages in all… */
  minPostings: number;
  /** …or this share of the corpus, whichever is larger. */
  postingsRatio: number;
  /**
   * How a question is scored: 'lean' keeps only the best passages, over MiniSearch's own index
   * (scorer.ts); 'minisearch' runs MiniSearch's search(), which 'lean' must equal exactly.
   */
  scorer: 'lean' | 'minisearch';
}

export const DEFAULT_INDEX_OPTIONS: IndexOptions = {
  boost: { text: 1, section: 1.5, document: 0.5, entities: 2 },
  stopWords: true,
  specificity: true,
  entityNameWeight: 0.5,
  spelling: true,
  spareEnglishWords: true,
  fuzzyMinLength: 5,
  fuzzy: 0.2,
  prefixLastTerm: true,
  dropStrayNumbers: true,
  synonyms: true,
  irregularVerbs: true,
  regions: true,
  antonyms: true,
  compounds: true,
  synonymWeight: 0.6,
  synonymMinSpecificity: 0.5,
  maxQueryTerms: 8,
  commonTermRatio: 0.4,
  minPostings: 5_000,
  postingsRatio: 0.1,
  scorer: 'lean',
};

export interface Hit {
  passage: Passage;
  score: number;
  /** Query terms this passage matched (exactly, by prefix or by a typo-tolerant match). */
  matched: string[];
}

export interface Query {
  /** The question's distinct search terms (stop words removed). */
  terms: string[];
  /** For each term, how specific the word it came from is (see specificity.ts). */
  specificity: Map<string, number>;
  /** Catalog entry ids the question names. */
  entities: string[];
  /** The last word may be half-typed: the question ends in a letter or digit, not "?" or ".". */
  openEnded?: boolean;
  /** For each term, the word of the question it came from, as typed. */
  typed?: Map<string, string>;
  /** Terms of real English words no passage contains: matched exactly, never typo-tolerantly. */
  literal?: Set<string>;
  /** For a term no passage contains, synonyms of its word that passages do contain ("seamen" → "seafar"). */
  alternatives?: Map<string, string[]>;
}

export interface PassageIndex {
  readonly size: number;
  readonly options: IndexOptions;
  /** Turn a question into terms and named entries. */
  parse(question: string): Query;
  search(query: Query, limit?: number): Hit[];
  /** In how many passages a term occurs (0 for unknown words). */
  documentFrequency(term: string): number;
  /** Entry ids a passage was tagged with. */
  entitiesOf(passageId: string): readonly string[];
  passage(id: string): Passage | undefined;
}

/** A PassageIndex that takes changes in place: see incremental.ts. */
export interface LiveIndex extends PassageIndex {
  /** MiniSearch and the per-passage counts: add and remove passages through it. */
  readonly contents: IndexContents;
  /** Questions name the new catalog's entries, and passages added from now on are tagged with it (the caller re-tags the others). */
  setCatalog(catalog: Catalog | undefined): void;
}

const SEARCH_FIELDS = ['text', 'section', 'document'] as const;
const NEGATING_PREFIXES = ['ir', 'un', 'in', 'il', 'im', 'non', 'non-', 'dis'];
const NEGATING_PREFIX = new RegExp(String.raw`^(?:${NEGATING_PREFIXES.join('|')})(\p{L}{3,})$`, 'u');
const PARTICLES = new Set(['up', 'out', 'off', 'down', 'over', 'back', 'away', 'through', 'forward']);

/** How much a term says about which passage is meant: rare terms most (the answer path's weight, before specificity). */
export function rarity(index: Pick<PassageIndex, 'size' | 'documentFrequency'>, term: string, df = index.documentFrequency(term)): number {
  return Math.log(1 + index.size / (df + 0.5));
}

/** The options an index's derived data depends on (a snapshot made with other ones is stale). */
export function indexKey(overrides: Partial<IndexOptions> = {}): string {
  const options = { ...DEFAULT_INDEX_OPTIONS, ...overrides };
  return JSON.stringify({ stopWords: options.stopWords, spelling: options.spelling });
}

/** The catalog entry ids a passage is tagged with. */
export function passageTagger(catalog: Catalog | undefined): ((text: string) => string[]) | undefined {
  return catalog ? (text) => catalog.mentionedIn(text).map((e) => e.id) : undefined;
}

export function buildIndex(passages: readonly Passage[], overrides: Partial<IndexOptions> = {}, restore?: Omit<RestoreData, 'passages'>): LiveIndex {
  const options: IndexOptions = { ...DEFAULT_INDEX_OPTIONS, ...overrides, boost: { ...DEFAULT_INDEX_OPTIONS.boost, ...overrides.boost } };
  let { catalog } = options;
  const process = (token: string): string | null => (options.stopWords ? toTerm(token) : (toTerm(token) ?? plainTerm(token)));

  const contents = new IndexContents(
    {
      mini: {
        fields: [...SEARCH_FIELDS, 'entities'],
        tokenize: (text, field) => (field === 'entities' ? text.split(' ').filter(Boolean) : tokenize(text)),
        processTerm: (term, field) => (field === 'entities' ? term : process(term)),
        searchOptions: {
          // Queries arrive as terms already processed (below), one per space.
          tokenize: (text) => text.split(' ').filter(Boolean),
          processTerm: (term) => term,
        },
      },
      spelling: options.spelling,
      tagger: passageTagger(catalog),
      titleTerms,
    },
    restore && { ...restore, passages },
  );
  if (!restore) contents.add(passages);
  const { mini, df, titleDf } = contents;
  const scorer = options.scorer === 'lean' ? new TopScorer(mini, (a, b) => contents.compare(a, b)) : undefined;

  const parse = (typed: string): Query => {
    // The reply keeps what the person typed; search reads it without invisible characters.
    const question = searchText(typed);
    const tokens = options.compounds ? matchCompounds(tokenize(question), { term: process, known: (t) => df.has(t) }) : tokenize(question);
    const terms: string[] = [];
    const weights = new Map<string, number>();
    const typedAs = new Map<string, string>();
    const alternatives = new Map<string, string[]>();
    const literal = new Set<string>();
    for (const [i, typed] of tokens.entries()) {
      // Stop words are not misspellings ("there" is not "theme"), nor are codes and acronyms ("GMG", "C97").
      const own = process(typed);
      const unknownWord = own !== null && !df.has(own) && !/\d|^\p{Lu}+$/u.test(typed);
      // A real word the documents don't use is asked for by a synonym they do use, not corrected as a typo.
      const synonyms = unknownWord && options.synonyms ? knownSynonyms(typed) : [];
      if (synonyms.length && own && !terms.includes(own)) {
        terms.push(own);
        typedAs.set(own, typed);
        alternatives.set(own, synonyms);
        weights.set(own, options.specificity ? specificity(typed) : 1);
        continue;
      }
      const speller = contents.speller;
      const english = unknownWord && options.spareEnglishWords && isEnglishWord(typed);
      if (english && own && !terms.includes(own)) literal.add(own);
      const correctable = speller && unknownWord && !english;
      const token = (correctable && speller.correct(typed.toLowerCase())) || typed;
      const term = process(token);
      if (!term || terms.includes(term)) continue;
      // "set up" is "establish": a phrasal verb asks for the synonyms of the phrase.
      const next = tokens[i + 1]?.toLowerCase();
      const phrasal = options.synonyms && next && PARTICLES.has(next) ? knownSynonyms(`${typed.toLowerCase()} ${next}`) : [];
      const forms = options.irregularVerbs ? knownForms(typed, term) : [];
      // "trafficking in Asia" is answered by a passage on Indonesia and Malaysia.
      const places = options.regions ? regionCountries(typed) : [];
      // "irregular migrants" is answered where the text sets them against those "in a regular situation".
      const opposites = options.antonyms ? knownAntonyms(typed) : [];
      const more = [...phrasal, ...places, ...opposites].filter((t) => !forms.includes(t) && t !== term);
      if (more.length || forms.length) alternatives.set(term, [...forms, ...new Set(more)]);
      // A short number no passage holds is a list marker or a stray key ("(0)", "2)"), not what is asked.
      if (options.dropStrayNumbers && /^\d{1,2}$/.test(term) && !df.has(term)) continue;
      terms.push(term);
      typedAs.set(term, typed);
      weights.set(term, options.specificity ? specificity(token) : 1);
    }
    const entities = catalog ? mentionsIn(question, catalog) : [];
    return { terms, specificity: weights, entities, openEnded: /[\p{L}\p{N}]$/u.test(question.trim()), typed: typedAs, alternatives, literal };
  };

  /** Terms of the word's other irregular forms that passages contain. */
  const knownForms = (word: string, own: string): string[] => {
    const out: string[] = [];
    // "seeking" is listed under "seek": its stem names the verb.
    const listed = irregularForms(word);
    for (const form of listed.length ? listed : irregularForms(own)) {
      const t = process(form);
      if (t && t !== own && df.has(t) && !out.includes(t)) out.push(t);
    }
    return out;
  };

  /**
   * Terms of the word's WordNet antonyms that passages contain, when one is the other with a
   * negating prefix ("irregular" → "regular", "inequality" → "equality"): "large" is not asked
   * by "small", but "irregular migrants" are discussed against those "in a regular situation".
   */
  const knownAntonyms = (word: string): string[] => {
    const out: string[] = [];
    const lower = word.toLowerCase();
    // WordNet is asked only when passages hold the word with or without such a prefix, so most
    // words cost no reads on the answer path.
    const root = NEGATING_PREFIX.exec(lower)?.[1];
    const candidates = root ? [root] : NEGATING_PREFIXES.map((p) => p + lower);
    if (!candidates.some((c) => { const t = process(c); return t !== null && df.has(t); })) return out;
    for (const antonym of wordnetAntonyms(word)) {
      if (!lower.endsWith(antonym) && !antonym.endsWith(lower)) continue;
      const ts = termsOf(antonym);
      if (ts.length === 1 && df.has(ts[0]!) && !out.includes(ts[0]!)) out.push(ts[0]!);
    }
    return out;
  };

  /** Terms of the countries of a continent the word names that passages contain (the rarest term of each name). */
  const regionCountries = (word: string): string[] => {
    const out: string[] = [];
    for (const name of countriesOfRegion(word)) {
      // Every word of the name must be there: "United Arab Emirates" is not found by "united".
      const words = termsOf(name);
      if (!words.length || !words.every((t) => df.has(t))) continue;
      const rarest = words.sort((a, b) => df.get(a)! - df.get(b)!)[0]!;
      if (!out.includes(rarest)) out.push(rarest);
    }
    return out;
  };

  /** WordNet synonyms of a word that stand for one term the documents contain, at most four. */
  const knownSynonyms = (word: string): string[] => {
    const out: string[] = [];
    for (const synonym of wordnetSynonyms(word)) {
      const ts = termsOf(synonym);
      const t = ts[0];
      if (ts.length !== 1 || !t || out.includes(t)) continue;
      const head = synonym.split(' ')[0]!;
      if (specificity(head) < options.synonymMinSpecificity) continue;
      // "leave out" for "exclude" is found as "left out" too: a synonym's irregular forms count.
      const forms = options.irregularVerbs ? knownForms(head, t) : [];
      if (!df.has(t) && !forms.length) continue;
      if (df.has(t)) out.push(t);
      for (const f of forms) if (!out.includes(f)) out.push(f);
      if (out.length >= 4) break;
    }
    return out;
  };

  const search = (query: Query, limit = 10): Hit[] => {
    const searched = pruneTerms(query.terms, (t) => df.get(t) ?? 0, contents.size, options);
    const allSynonyms = query.alternatives?.size ? [...query.alternatives.values()].flat().filter((t, i, all) => all.indexOf(t) === i && !query.terms.includes(t)) : [];
    // Synonyms are pruned as the question's own terms are: "close" for "near" touches half a large library.
    const synonyms = pruneTerms(allSynonyms, (t) => df.get(t) ?? 0, contents.size, options, false);
    const lastTerm = options.prefixLastTerm && query.openEnded ? query.terms[query.terms.length - 1] : undefined;
    const subqueries: Subquery[] = [];
    if (searched.length) {
      subqueries.push({
        queries: [searched.join(' ')],
        fields: [...SEARCH_FIELDS],
        boost: options.boost,
        prefix: (term: string) => term === lastTerm && term.length >= 3,
        fuzzy: (term: string) => (term.length >= options.fuzzyMinLength && !df.has(term) && !query.literal?.has(term) ? options.fuzzy : false),
        maxFuzzy: 2,
        boostTerm: (term: string) => query.specificity.get(term) ?? 1,
      });
    }
    if (synonyms.length && options.synonymWeight > 0) {
      subqueries.push({ queries: [synonyms.join(' ')], fields: [...SEARCH_FIELDS], boost: { text: options.synonymWeight, section: options.synonymWeight * options.boost.section, document: options.synonymWeight * options.boost.document } });
    }
    if (query.entities.length) {
      subqueries.push({ queries: [query.entities.map(entityToken).join(' ')], fields: ['entities'], boost: { entities: options.boost.entities } });
      // "C97" also searches "Migration for Employment Convention": the passage that names an
      // entry in full is usually the one that says what it is.
      const names = query.entities.flatMap((id) => termsOf(catalog?.get(id)?.name ?? '')).filter((t, i, all) => !query.terms.includes(t) && all.indexOf(t) === i && df.has(t));
      const expansion = pruneTerms(names, (t) => df.get(t) ?? 0, contents.size, options, false);
      if (expansion.length && options.entityNameWeight > 0) {
        subqueries.push({ queries: [expansion.join(' ')], fields: ['text'], boost: { text: options.entityNameWeight } });
        // Titles count as well (a note titled after the entry speaks of it throughout), by the
        // name's words that few titles share: "migration" in every title would score every passage.
        const inTitles = expansion.filter((t) => (titleDf.get(t) ?? 0) <= options.commonTermRatio * contents.size);
        if (inTitles.length) subqueries.push({ queries: [inTitles.join(' ')], fields: ['document'], boost: { document: options.entityNameWeight } });
      }
    }
    if (!subqueries.length) return [];
    const results = scorer ? scorer.top(subqueries, limit) : contents.settleTies(mini.search({ combineWith: 'OR', queries: subqueries }), limit).slice(0, limit);
    return results.map((r) => toHit(r, contents.passages, query));
  };

  return {
    get size() {
      return contents.size;
    },
    options,
    parse,
    search,
    documentFrequency: (term) => df.get(term) ?? 0,
    entitiesOf: (id) => contents.tags.get(id) ?? [],
    passage: (id) => contents.passages.get(id),
    contents,
    setCatalog(next) {
      catalog = next;
      options.catalog = next;
      contents.tagger = passageTagger(next);
    },
  };
}

/**
 * Rarest terms first, at most maxQueryTerms of them; terms that most passages contain
 * ("migration" in a migration library) are dropped while rarer ones remain, since they
 * barely change the ranking but make MiniSearch score nearly every passage.
 */
export function pruneTerms(terms: readonly string[], df: (t: string) => number, total: number, options: IndexOptions, keepCommon = true): string[] {
  const known = terms.filter((t) => df(t) > 0 || t.length >= options.fuzzyMinLength);
  const sorted = [...known].sort((a, b) => df(a) - df(b));
  const rare = sorted.filter((t) => df(t) <= options.commonTermRatio * total);
  // A question of common words only is still searched by its two rarest; what merely adds to a
  // question (synonyms, an entry's full name) is searched by rare words or not at all.
  const candidates = (rare.length || !keepCommon ? rare : sorted.slice(0, 2)).slice(0, options.maxQueryTerms);
  // Scoring cost grows with the passages each term touches: stop adding terms once the rarer
  // ones already touch enough, so a question costs about the same in a library ten times larger.
  const budget = Math.max(options.minPostings, options.postingsRatio * total);
  const kept: string[] = [];
  let postings = 0;
  for (const t of candidates) {
    if ((kept.length || !keepCommon) && postings + df(t) > budget) break;
    kept.push(t);
    postings += df(t);
  }
  return kept;
}

// Passages of one document share its title: its terms are worked out once per title.
const titleTermCache = new Map<string, string[]>();

function titleTerms(title: string): string[] {
  let found = titleTermCache.get(title);
  if (!found) {
    if (titleTermCache.size > 10_000) titleTermCache.clear();
    found = termsOf(title);
    titleTermCache.set(title, found);
  }
  return found;
}

const NUMBER_WORD = new RegExp(String.raw`\b(?:${CARDINAL_WORDS.join('|')})\b`, 'i');

/** The catalog entries a question names, with its number words read as digits too: "the nineteen forty-nine convention" is the 1949 convention. */
function mentionsIn(question: string, catalog: Catalog): string[] {
  const ids = catalog.mentionedIn(question).map((e) => e.id);
  if (!NUMBER_WORD.test(question)) return ids;
  for (const e of catalog.mentionedIn(tokenize(question).join(' '))) if (!ids.includes(e.id)) ids.push(e.id);
  return ids;
}

function toHit(result: Pick<SearchResult, 'id' | 'score' | 'queryTerms'>, passages: ReadonlyMap<string, Passage>, query: Query): Hit {
  const matched = new Set<string>(result.queryTerms.filter((t) => query.terms.includes(t)));
  return { passage: passages.get(result.id as string)!, score: result.score, matched: [...matched] };
}

function plainTerm(token: string): string | null {
  const word = token.toLowerCase();
  return word || null;
}
