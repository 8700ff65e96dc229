// Extractive answers: the best sentences of the best passage, quoted word for word, or an
// honest "the documents don't cover this" when no passage covers what the question asks.

import type { Citation, CitationRole, Reply } from '../types.js';
import { rarity, type Hit, type PassageIndex, type Query } from '../search/index.js';
import { analyse, entryTerms, isReferenceSection, type SentenceAnalysis } from '../search/analysis.js';
import type { Catalog } from '../catalog/load.js';
import type { Passage } from '../corpus/types.js';
import { terms as termsOf, tokenize, toTerm } from '../search/text.js';
import { isCompoundNoun, partsOfSpeech } from '../search/wordnet.js';
import { citePassage } from '../reply.js';
import { judgeKind, type KindJudgement } from './kinds.js';
import { relatedCoverage, relatedTerms } from './related-coverage.js';

export interface AnswerOptions {
  /**
   * Share of the question's weight (rare words weigh more) that the best passage must contain
   * for a confident answer. Below it, the reply says the documents don't cover the question.
   */
  minCoverage: number;
  /**
   * Share of the question's weight the best passage must contain for a "closest" reply (partly
   * covered, confidence "partial"). Below it, or when the question's unknown words outnumber
   * the known words the passage holds, the documents don't cover the question.
   */
  partialCoverage: number;
  /**
   * A name the question uses (a capitalised word past the first, "Germany", "Spain") that is
   * rare in the documents must be in the closest passage: the unemployment rate of one country
   * is not covered by a passage on unemployment elsewhere. Names in more than this share of
   * passages ("ILO" in ILO papers) are exempt; 0 turns the check off.
   */
  nameShare: number;
  /**
   * A confident answer holds every word of the question at least this specific (or a synonym of
   * it): "What was the budget of …" is at best closest when no passage speaks of a budget.
   */
  highUnknownSpecificity: number;
  /**
   * A confident answer's core sentence holds at least this share of the question's weight: a
   * passage that has the question's words only spread over several sentences ("convention" here,
   * "centre" there) is at best the closest one.
   */
  highSentenceCoverage: number;
  /** How much a question word no passage uses counts for a "closest" reply when the passage holds a synonym of it (1: as the word itself). */
  synonymEvidence: number;
  /** A closest passage holds at least this many of the question's terms (all of them, when it has fewer). */
  partialMinTerms: number;
  /** A word no passage uses that English uses only as a noun counts twice against a "closest" reply, as a name does. */
  unknownNounsWeigh: boolean;
  /**
   * Two question words WordNet knows as one noun ("bank holiday"), one of them a word no passage
   * uses, that the passage does not write together count against a "closest" reply as one more
   * unknown noun, and the other word ("bank") is no evidence.
   */
  compoundNouns: boolean;
  /**
   * A word no passage uses whose WordNet relative (same sense or derived form: "complain" for
   * "complaints", "departure" for "leaving") the closest passage holds is taken for paraphrase,
   * not for a thing the documents lack: it does not count against a "closest" reply. It still
   * keeps the reply from "high", and is still named, with the passage's own word for it. Another
   * word of the question is no such relative ("labour" for "cause" in "Is labour market
   * imbalance a cause…?").
   */
  relatedUnknown: boolean;
  /** Words no passage uses count against a "closest" reply only when at least this specific (0.25 everyday … 1 rare). */
  unknownWordSpecificity: number;
  /**
   * A confident answer must also stand out: its re-ranking value at least this many times that
   * of the next passage that covers the question as well. Two passages nearly level make the
   * reply "closest", since either may be the one meant.
   */
  highMargin: number;
  /** …for questions of at least this many terms: "What is C143?" is answered by any passage that explains it. */
  highMarginMinTerms: number;
  /** Re-rank the top hits by how much of the question each covers, not by BM25 alone. */
  rerank: boolean;
  /** Re-ranking bonus (a factor) for a passage with a sentence that defines what a "What is X?" question asks about ("X is …"). */
  definitionBonus: number;
  /** How many hits are re-ranked. */
  rerankDepth: number;
  /** How much BM25's own score counts in the re-ranking (an exponent: 0 ignores it). */
  rerankScorePower: number;
  /** Smoothing of the coverage factor in the re-ranking (higher: coverage counts less). */
  rerankCoverage: number;
  /** Smoothing of the best-sentence factor in the re-ranking (higher: the sentence counts less). */
  rerankSentence: number;
  /**
   * Re-ranking credit for question words a passage lacks but says in other words WordNet relates
   * (a synonym or a derived form: "oversee" for "supervision"), as a share of the coverage a word
   * itself earns; 0 turns it off. Measured: hypernyms ("city" for "Geneva") and Wu–Palmer scores
   * over the hypernym trees lost questions; same sense and derived forms gained them.
   */
  rerankRelated: number;
  /** Senses per part of speech, most frequent first, whose words count as related (for rerankRelated and relatedUnknown). */
  relatedSenses: number;
  /**
   * The best-sentence factor of the re-ranking also credits the best two consecutive sentences
   * (the mean of the two shares): an answer whose words run over into the next sentence ("The
   * Programme … It is financed by …") beats a sibling that has them scattered.
   */
  rerankWindow: boolean;
  /**
   * Re-ranking bonus for the question's weight in a passage's first sentence, where a note states
   * its point: the value is multiplied by 1 + this × that share (0 turns it off).
   */
  rerankLead: number;
  supporting: number;
  closest: number;
  maxQuoteSentences: number;
  /** A quote stops growing past this many characters. */
  maxQuoteChars: number;
}

export const DEFAULT_ANSWER_OPTIONS: AnswerOptions = {
  minCoverage: 0.7,
  partialCoverage: 0.35,
  unknownWordSpecificity: 0.5,
  highUnknownSpecificity: 0.8,
  unknownNounsWeigh: true,
  compoundNouns: true,
  relatedUnknown: true,
  partialMinTerms: 2,
  synonymEvidence: 0,
  highSentenceCoverage: 0.45,
  nameShare: 0.2,
  highMargin: 1.5,
  highMarginMinTerms: 3,
  rerank: true,
  definitionBonus: 1.3,
  rerankDepth: 6,
  rerankScorePower: 0.3,
  rerankCoverage: 0.5,
  rerankSentence: 0.3,
  rerankRelated: 0.6,
  relatedSenses: 3,
  rerankWindow: true,
  rerankLead: 0.1,
  supporting: 2,
  closest: 2,
  maxQuoteSentences: 3,
  maxQuoteChars: 600,
};

export const NOT_COVERED = "The documents don't cover this.";
export const PARTLY_ANSWERED = 'Closest passage (may not answer every part of the question)';
/** Coverage above which a refused question is said to be partly covered. */
const PARTLY_COVERED = 0.5;

/** How a question weighs the words of a passage. */
export interface Scoring {
  /** Weight of each question term: rare and specific words weigh most. */
  weights: Map<string, number>;
  /** Question terms a sentence of a passage covers by naming a catalog entry the question names ("ICRMW" → the 1990 convention). */
  named(sentence: string, passageId: string): ReadonlySet<string>;
  /** Synonyms the documents use for question words they don't (see Query.alternatives). */
  alternatives?: Map<string, string[]>;
}

export interface Ranked extends Hit {
  coverage: number;
  /** Share of the question's weight in words the passage lacks but says in related words (0 unless re-ranking reads it: see rerankRelated). */
  relatedCoverage: number;
  /** The sentences this passage would be quoted by. */
  quote: Quote;
  /** Share of the question's weight in the passage's best sentence. */
  sentenceCoverage: number;
  /** What the passages were ordered by (BM25 alone without re-ranking). */
  value: number;
}

/** Rank passages for a question, each with the share of the question it covers. */
export function rankPassages(question: string, index: PassageIndex, catalog: Catalog | undefined, options: AnswerOptions = DEFAULT_ANSWER_OPTIONS): { query: Query; ranked: Ranked[]; scoring: Scoring } {
  const query = index.parse(question);
  const weights = termWeights(query, index);
  const scoring: Scoring = { weights, named: namedTerms(query, weights, index, catalog), alternatives: query.alternatives };
  const hits = index.search(query, options.rerankDepth);
  const ranked: Ranked[] = hits.map((h) => {
    const holds = termTest(h, query, index, catalog);
    return {
      ...h,
      coverage: coverage(query, weights, holds),
      relatedCoverage: options.rerank && options.rerankRelated ? relatedCoverage(h, query, weights, holds, options.relatedSenses) : 0,
      ...withQuote(pickQuote(h, scoring, options)),
      value: h.score,
    };
  });
  if (options.rerank && ranked.length) {
    const top = ranked[0]!.score;
    // Coverage decides among passages BM25 finds comparably relevant (a far weaker match cannot
    // overtake the leader on coverage alone); an answer usually sits in one sentence.
    const defines = definitionTest(question, query, catalog);
    for (const r of ranked) {
      const related = options.rerankRelated * r.relatedCoverage;
      const sentence = options.rerankWindow ? (r.sentenceCoverage + r.quote.windowCoverage) / 2 : r.sentenceCoverage;
      r.value = (r.score / top) ** options.rerankScorePower * (options.rerankCoverage + r.coverage + related) * (options.rerankSentence + sentence) * (1 + options.rerankLead * r.quote.leadCoverage);
      if (defines && options.definitionBonus !== 1 && analyse(r.passage).sentences.some((s) => defines(s.text))) r.value *= options.definitionBonus;
    }
    ranked.sort((a, b) => b.value - a.value);
  }
  return { query, ranked, scoring };
}

const NONE: ReadonlySet<string> = new Set();
/** Only the first passages may answer or be the closest: a passage far down the list that happens to hold a date is no answer to "when…". */
const LEADERS = 2;

// Questions asking what something is, and where the something stands in them.
const ASKS_WHAT_IS: readonly RegExp[] = [
  /^\s*what\s+(?:is|are|was|were)\s+(?:the\s+|an?\s+)?(.+?)[\s?.!]*$/i,
  // "How does the 1990 instrument define who counts as a migrant worker?"
  /^\s*how\s+(?:does|do|did)\s+.+?\s+define\s+(?:who\s+counts\s+as\s+|what\s+counts\s+as\s+)?(?:the\s+|an?\s+)?(.+?)[\s?.!]*$/i,
  /^\s*(?:who|what)\s+counts\s+as\s+(?:the\s+|an?\s+)?(.+?)(?:\s+(?:under|in|for)\s+.+?)?[\s?.!]*$/i,
  /\bdefinition\s+of\s+(?:the\s+|an?\s+)?(.+?)[\s?.!]*$/i,
  /^\s*what\s+does\s+(?:the\s+(?:term|word)\s+)?["'‘“]?(.+?)["'’”]?\s+mean[\s?.!]*$/i,
];
const COPULA = /\b(?:is|are|was|were)\b/;

/**
 * For "What is X?", a test of whether a sentence defines X: it reads "X is …" (or "X was …"),
 * with X named by its words or by a catalog name, in the few words before the verb.
 */
function definitionTest(question: string, query: Query, catalog: Catalog | undefined): ((sentence: string) => boolean) | undefined {
  const m = ASKS_WHAT_IS.map((p) => p.exec(question)).find((x) => x !== null);
  if (!m) return undefined;
  const subject = termsOf(m[1]!);
  if (!subject.length) return undefined;
  // "X, for the purposes of this instrument, is …": a definition may set its scope before the verb.
  const maxWords = m[1]!.split(/\s+/).length + 8;
  return (sentence) => {
    const verb = COPULA.exec(sentence);
    if (!verb) return false;
    const before = sentence.slice(0, verb.index);
    if (before.split(/\s+/).length > maxWords) return false;
    const terms = new Set(termsOf(before));
    if (subject.every((t) => terms.has(t))) return true;
    return !!catalog && query.entities.length > 0 && catalog.mentionedIn(before).some((e) => query.entities.includes(e.id));
  };
}

function namedTerms(query: Query, weights: Map<string, number>, index: PassageIndex, catalog: Catalog | undefined): Scoring['named'] {
  if (!catalog || !query.entities.length) return () => NONE;
  const cache = new Map<string, ReadonlySet<string>>();
  const termsNamedIn = (text: string): ReadonlySet<string> => {
    let found = cache.get(text);
    if (!found) {
      const terms = new Set<string>();
      for (const entry of catalog.mentionedIn(text)) {
        if (!query.entities.includes(entry.id)) continue;
        for (const t of entryTerms(entry)) if (weights.has(t)) terms.add(t);
      }
      found = terms;
      cache.set(text, found);
    }
    return found;
  };
  return (text, passageId) => {
    // Only a passage tagged with one of the question's entries can have a sentence that names it.
    if (!index.entitiesOf(passageId).some((id) => query.entities.includes(id))) return NONE;
    // In a document titled after the entry, every sentence speaks of it ("this instrument").
    const title = index.passage(passageId)?.document;
    const fromTitle = title ? termsNamedIn(title) : NONE;
    const own = termsNamedIn(text);
    return fromTitle.size ? new Set([...fromTitle, ...own]) : own;
  };
}

export function answerQuestion(question: string, index: PassageIndex, catalog: Catalog | undefined, options: AnswerOptions = DEFAULT_ANSWER_OPTIONS): Reply {
  const { query, ranked } = rankPassages(question, index, catalog, options);
  const kind = new Map(ranked.map((r) => [r, judgeKind(question, r.quote.text)]));
  const fitting = ranked.filter((r) => kind.get(r)!.fit !== 'refuse');
  // A rival to a confident answer must hold what the question asks for too (a date for "when…").
  const fits = fitting.filter((r) => kind.get(r)!.fit === 'fits');
  const leaders = fitting.filter((r) => ranked.indexOf(r) < LEADERS);
  const unmatched = unmatchedWords(query, ranked, index, catalog);
  const compounds = options.compoundNouns ? compoundNouns(question, index) : [];
  // A word no passage uses is the crux when it is specific, or a name ("France" in notes that
  // never mention it): the answer can then be at best the closest passage.
  const lacksSpecific = unmatched.some((u) => (query.specificity.get(u.term) ?? 1) >= options.highUnknownSpecificity || isName(u.word, question));
  const best = lacksSpecific ? undefined : leaders.find((r) => kind.get(r)!.fit === 'fits' && r.coverage >= options.minCoverage && r.sentenceCoverage >= options.highSentenceCoverage && (query.terms.length < options.highMarginMinTerms || standsOut(r, fits, options)) && holdsTheNames(question, query, r, index, catalog, options) && !strayIn(compounds, r).length);
  if (!best) {
    const closest = leaders.find((r) => r.coverage >= options.partialCoverage);
    if (closest && aboutTheDocuments(question, query, closest, unmatched, strayIn(compounds, closest), index, options) && holdsTheNames(question, query, closest, index, catalog, options)) return closestReply(question, query, closest, kind.get(closest)!, ranked, unmatched, index, options);
    return {
      kind: 'no-answer',
      title: NOT_COVERED,
      text: noAnswerText(query, ranked),
      citations: ranked.slice(0, options.closest).map((r) => cite(r, 'closest')),
      fields: [],
      notes: [],
      answered: false,
      confidence: 'none',
      unmatched: unmatched.map((u) => u.word),
      question,
    };
  }
  // Supporting passages must speak to the question too, not merely share a word with it.
  const supporting = ranked.filter((r) => r !== best && r.coverage >= options.minCoverage / 2).slice(0, options.supporting);
  const answer = cite(best, 'answer');
  return {
    kind: 'answer',
    title: question,
    text: answer.quote,
    citations: [answer, ...supporting.map((r) => cite(r, 'supporting'))],
    fields: [],
    notes: [],
    answered: true,
    confidence: 'high',
    unmatched: unmatched.map((u) => u.word),
    question,
  };
}

function standsOut(best: Ranked, fitting: readonly Ranked[], options: AnswerOptions): boolean {
  // Only a rival that could answer as well counts: a reference note that shares the name does not.
  const next = fitting.find((r) => r !== best && r.coverage >= options.partialCoverage && !isReferenceSection(r.passage.section));
  if (!next) return true;
  return best.value >= options.highMargin * next.value;
}

/** The best passage, said plainly to be the closest rather than the answer, naming what it lacks. */
function closestReply(question: string, query: Query, closest: Ranked, kind: KindJudgement, ranked: Ranked[], unmatched: Unmatched[], index: PassageIndex, options: AnswerOptions): Reply {
  const lead = cite(closest, 'answer');
  const others = ranked.filter((r) => r !== closest && r.coverage >= options.partialCoverage / 2).slice(0, options.supporting);
  const words = unmatched.map((u) => u.word);
  // A word the passage says in a related form is named with that form: the reader sees why the
  // passage was thought close ("complaints" (the passage says "complain")).
  const said = (u: Unmatched) => {
    const form = options.relatedUnknown ? relatedFormIn(u.word, query, closest.passage, index, options) : undefined;
    return form ? `"${u.word}" (the passage says "${form}")` : `"${u.word}"`;
  };
  const missing = words.length
    ? ` No passage uses ${words.length === 1 ? 'the word' : 'the words'} ${unmatched.map(said).join(', ')}.`
    : '';
  // "Which 22 countries…" led by "covering 22 countries in Eastern Africa": say what it lacks.
  const shortfall = kind.lacks;
  return {
    kind: 'closest',
    title: PARTLY_ANSWERED,
    text: `This passage is the closest the documents come; it may not answer every part of the question.${shortfall ? ` ${shortfall}` : ''}${missing}`,
    citations: [lead, ...others.map((r) => cite(r, 'supporting'))],
    fields: [],
    notes: [],
    answered: true,
    confidence: 'partial',
    unmatched: words,
    question,
  };
}

interface Unmatched {
  term: string;
  word: string;
}

/** Question words whose term no passage holds, nor a typo-tolerant match, nor a catalog entry the question names. */
function unmatchedWords(query: Query, ranked: readonly Ranked[], index: PassageIndex, catalog: Catalog | undefined): Unmatched[] {
  const named = query.entities.map((id) => catalog?.get(id)).filter((e) => e !== undefined).map(entryTerms);
  const out: Unmatched[] = [];
  for (const term of query.terms) {
    if (index.documentFrequency(term) > 0) continue;
    if (ranked.some((r) => r.matched.includes(term)) || named.some((n) => n.has(term))) continue;
    // A synonym only passages far down the ranking use ("package" for "software") is no match.
    // Nor is a word a leading passage holds a derived form of ("European" for "Europe").
    const leaders = ranked.slice(0, LEADERS).map((r) => analyse(r.passage).terms);
    if (leaders.some((present) => hasAlternative(query, term, present) || derivedIn(term, present))) continue;
    out.push({ term, word: query.typed?.get(term) ?? term });
  }
  return out;
}

/**
 * What the question is specifically about is in the documents when the words of it the best
 * passage holds outnumber the specific words no passage uses ("Who won the 2006 World Cup?":
 * "2006" and "world" against "won" and "cup" is not enough).
 */
function aboutTheDocuments(question: string, query: Query, hit: Ranked, unmatched: readonly Unmatched[], compounds: readonly Compound[], index: PassageIndex, options: AnswerOptions): boolean {
  // A name no passage uses ("Germany" in notes that never mention it) is likely the crux: it counts twice.
  // So is a thing the documents never name (a word English uses only as a noun: "carpentry",
  // "honeybees"), where an unknown verb or adjective is more often paraphrase ("hinge", "wary").
  const crux = (u: Unmatched) => isName(u.word, question) || (options.unknownNounsWeigh && isOnlyNoun(u.word));
  // "Is the office closed on the bank holiday?": a thing the documents never name counts as an
  // unknown noun besides its words, and the word of it they happen to use ("bank") is no evidence.
  const missing = new Set([...unmatched.map((u) => u.term), ...compounds.flatMap((c) => c.terms)]);
  const present = analyse(hit.passage).terms;
  // A word the passage says in a related form ("complain" for "complaints") is paraphrase, not absence.
  const paraphrased = (u: Unmatched) => options.relatedUnknown && relatedBesides(u.word, query, index, options).some((t) => present.has(t));
  const unknown = unmatched.filter((u) => (query.specificity.get(u.term) ?? 1) >= options.unknownWordSpecificity && !paraphrased(u)).reduce((n, u) => n + (crux(u) ? 2 : 1), 0) + 2 * compounds.length;
  // A catalog entry the question names ("ICRMW") says most plainly what it is about: it counts twice.
  const known = query.terms.reduce((n, t) => {
    if (missing.has(t)) return n;
    if (present.has(t) || hit.matched.includes(t)) return n + 1;
    if (!hasAlternative(query, t, present)) return n;
    // A word no passage uses, found through a synonym, helps to rank but is weak evidence that the
    // documents are about the question ("Excel" as "stand out", "box" as "package").
    return n + (index.documentFrequency(t) === 0 ? options.synonymEvidence : 1);
  }, 0) + 2 * query.entities.length;
  // One word in common is a coincidence ("What is the population of Nepal?" and a passage naming Nepal).
  if (known < Math.min(options.partialMinTerms, query.terms.length + query.entities.length)) return false;
  return !unknown || known > unknown;
}

interface Compound {
  /** The two words as a passage would write them, lower case, one space apart. */
  phrase: string;
  terms: string[];
}

/**
 * Pairs of question words WordNet knows as one noun ("bank holiday", "washing machine"), one of
 * whose words no passage uses. Both words known ("field work", "skilled workers"): the documents
 * speak of the parts, and likely of the thing.
 */
function compoundNouns(question: string, index: PassageIndex): Compound[] {
  const words = question.match(/\p{L}+/gu) ?? [];
  const out: Compound[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const pair = [words[i]!, words[i + 1]!];
    const terms = pair.map((w) => termsOf(w)[0]).filter((t): t is string => !!t);
    if (terms.every((t) => index.documentFrequency(t) > 0) || !isCompoundNoun(pair[0]!, pair[1]!)) continue;
    out.push({ phrase: pair.join(' ').toLowerCase(), terms });
    i++;
  }
  return out;
}

/** The compounds a passage does not write: a thing of their own that it does not name. */
function strayIn(compounds: readonly Compound[], hit: Ranked): Compound[] {
  if (!compounds.length) return [];
  const text = ` ${hit.passage.text.toLowerCase().replace(/[^\p{L}]+/gu, ' ')} `;
  return compounds.filter((c) => !text.includes(` ${c.phrase} `));
}

function isOnlyNoun(word: string): boolean {
  const pos = partsOfSpeech(word);
  return pos.length === 1 && pos[0] === 'noun';
}

/** A capitalised word that does not start the question: "Germany", "Spain"; or a product name with capitals inside ("PostgreSQL", "PayPal") wherever it stands. */
function isName(word: string, question: string): boolean {
  if (/^\p{Lu}\p{Ll}+\p{Lu}[\p{L}]*$/u.test(word)) return true;
  return /^\p{Lu}\p{Ll}+$/u.test(word) && /[\p{L}\p{N}]+/u.exec(question)?.[0] !== word;
}

function holdsTheNames(question: string, query: Query, hit: Ranked, index: PassageIndex, catalog: Catalog | undefined, options: AnswerOptions): boolean {
  if (options.nameShare <= 0) return true;
  const present = analyse(hit.passage).terms;
  const named = namedEntries(hit, query, index, catalog);
  for (const t of query.terms) {
    const typed = query.typed?.get(t);
    if (!typed || !isName(typed, question)) continue;
    const df = index.documentFrequency(t);
    if (df === 0 || df > options.nameShare * index.size) continue;
    if (!present.has(t) && !hit.matched.includes(t) && !named.some((n) => n.has(t)) && !new Set(termsOf(hit.passage.document)).has(t) && !nameFormIn(t, present) && !hasAlternative(query, t, present)) return false;
  }
  return true;
}

/**
 * The terms of the words WordNet relates to a question's word, less the question's own terms: a
 * word of the question is no evidence for another ("labour" is related to "cause", and both may
 * be asked). Less the words most passages hold, too: WordNet relates "drive" to "labour", which
 * every passage of a labour library says ("files on the shared drive" is not paraphrased there).
 */
function relatedBesides(word: string, query: Query, index: PassageIndex, options: AnswerOptions): string[] {
  const common = index.options.commonTermRatio * index.size;
  return relatedTerms(word, options.relatedSenses).filter((t) => !query.terms.includes(t) && index.documentFrequency(t) <= common);
}

/** The passage's own word for a related form of the question's word ("complained"), if it has one. */
function relatedFormIn(word: string, query: Query, passage: Passage, index: PassageIndex, options: AnswerOptions): string | undefined {
  const wanted = new Set(relatedBesides(word, query, index, options));
  return wanted.size ? tokenize(passage.text).find((token) => { const t = toTerm(token); return t !== null && wanted.has(t); }) : undefined;
}

/** The passage holds a word derived from the name: "European" for "Europe". */
function derivedIn(term: string, present: ReadonlySet<string>): boolean {
  if (term.length < 4) return false;
  for (const t of present) if (t.length > term.length && t.startsWith(term)) return true;
  return false;
}

/** Letters a name's derived form adds at most ("Europe" → "European", "Asia" → "Asian"). */
const DERIVED_LETTERS = 3;

/** The passage holds the name in a form derived from it or that it derives from: "European" for "Europe", "Europe" for "European". */
function nameFormIn(term: string, present: ReadonlySet<string>): boolean {
  if (derivedIn(term, present)) return true;
  for (const t of present) if (t.length >= 4 && t.length < term.length && term.length - t.length <= DERIVED_LETTERS && term.startsWith(t)) return true;
  return false;
}

function noAnswerText(query: Query, ranked: Ranked[]): string {
  if (!query.terms.length && !query.entities.length) return `Try a question with a few specific words, e.g. "What do the documents say about recruitment fees?"`;
  if (!ranked.length) return `No passage shares any words with the question.`;
  // Honest about near misses: part of the question is there, the answer is not.
  if (ranked[0]!.coverage >= PARTLY_COVERED) return `No passage answers the whole question; the closest ones below cover part of it. Read them before relying on them.`;
  return 'The closest passages are below, in case they help.';
}

// A word no passage contains is the crux of the question when it is specific ("visa", "budget")
// and mere paraphrase when it is everyday English ("leaving", "lot"): its weight follows its
// specificity much more steeply than a word the documents do use. Measured on the evaluation
// set: 3 answers 6 more in-scope questions than 1 and still refuses every out-of-scope one.
const UNKNOWN_WORD_SPECIFICITY_POWER = 3;

/** Rare words say what a question is about (idf), and specific words more than everyday ones. */
function termWeights(query: Query, index: PassageIndex): Map<string, number> {
  return new Map(
    query.terms.map((t) => {
      // A word asked by its synonym weighs as the commonest synonym the documents use.
      const df = Math.max(index.documentFrequency(t), ...(query.alternatives?.get(t) ?? []).map((a) => index.documentFrequency(a)));
      const specific = query.specificity.get(t) ?? 1;
      return [t, rarity(index, t, df) * (df ? specific : specific ** UNKNOWN_WORD_SPECIFICITY_POWER)];
    }),
  );
}

/** The passage (or sentence) holds a synonym of a word no passage uses. */
function hasAlternative(query: Query, term: string, present: ReadonlySet<string>): boolean {
  const alternatives = query.alternatives?.get(term);
  return !!alternatives && alternatives.some((a) => present.has(a));
}

/**
 * The terms of each catalog entry the question names that the passage is tagged with: a question
 * that names an entry ("ICRMW") is covered by passages that mention it, whatever words they use.
 */
function namedEntries(hit: Hit, query: Query, index: PassageIndex, catalog: Catalog | undefined): ReadonlySet<string>[] {
  const tags = index.entitiesOf(hit.passage.id);
  const named: ReadonlySet<string>[] = [];
  for (const id of query.entities) {
    const entry = tags.includes(id) ? catalog?.get(id) : undefined;
    if (entry) named.push(entryTerms(entry));
  }
  return named;
}

/** Whether a passage holds a question term: itself, by a search match, in a catalog entry the question names, or as a synonym. */
function termTest(hit: Hit, query: Query, index: PassageIndex, catalog: Catalog | undefined): (term: string) => boolean {
  const present = analyse(hit.passage).terms;
  const named = namedEntries(hit, query, index, catalog);
  return (t) => present.has(t) || hit.matched.includes(t) || named.some((n) => n.has(t)) || hasAlternative(query, t, present);
}

function coverage(query: Query, weights: Map<string, number>, holds: (term: string) => boolean): number {
  if (!query.terms.length) return query.entities.length ? 1 : 0;
  let total = 0;
  let covered = 0;
  // forEach rather than for…of: a Map's entries iterator allocates an array per step, and this
  // runs for every hit of every question.
  weights.forEach((w, t) => {
    total += w;
    if (holds(t)) covered += w;
  });
  return total ? covered / total : 0;
}

function withQuote(quote: Quote): { quote: Quote; sentenceCoverage: number } {
  return { quote, sentenceCoverage: quote.coreCoverage };
}

function cite(hit: Ranked, role: CitationRole): Citation {
  return citePassage(hit.passage, role, hit.quote.text);
}

export interface Quote {
  /** The quoted sentences, an exact slice of the passage. */
  text: string;
  /** The single sentence that carries most of the question. */
  core: string;
  /** Share of the question's weight found in that sentence. */
  coreCoverage: number;
  /** Share of the question's weight found in the best two consecutive sentences of the passage. */
  windowCoverage: number;
  /** Share of the question's weight found in the passage's first sentence. */
  leadCoverage: number;
}

/** The one to three consecutive sentences of a passage that carry most of the question's weight. */
export function pickQuote(hit: Hit, scoring: Scoring, options: AnswerOptions): Quote {
  const { weights } = scoring;
  const text = hit.passage.text;
  const spans = analyse(hit.passage).sentences;
  let total = 0;
  for (const w of weights.values()) total += w;
  const share = (score: number) => (total ? score / total : 0);
  if (spans.length <= 1) {
    const only = share(spans[0] ? weigh(coveredTerms(spans[0], hit, scoring), weights) : 0);
    return { text, core: text, coreCoverage: only, windowCoverage: only, leadCoverage: only };
  }
  const covered = spans.map((s) => coveredTerms(s, hit, scoring));
  const scores = covered.map((c) => weigh(c, weights));
  let window = 0;
  for (let i = 0; i + 1 < covered.length; i++) window = Math.max(window, weigh(new Set([...covered[i]!, ...covered[i + 1]!]), weights));
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
  let first = best;
  let last = best;
  const length = () => spans[last]!.end - spans[first]!.start;
  while (last - first + 1 < options.maxQuoteSentences) {
    const before = first > 0 ? scores[first - 1]! : -1;
    const after = last < spans.length - 1 ? scores[last + 1]! : -1;
    // Grow towards the neighbour that also speaks to the question; a very short sentence
    // ("Yes.") reads better with the one after it.
    const shortLead = length() < 80 && after >= 0;
    if (!(before > 0 || after > 0 || shortLead)) break;
    const next = after >= before || shortLead ? last + 1 : first - 1;
    const grown = Math.max(spans[last]!.end, spans[next]!.end) - Math.min(spans[first]!.start, spans[next]!.start);
    if (grown > options.maxQuoteChars) break;
    if (next > last) last = next;
    else first = next;
  }
  return { text: text.slice(spans[first]!.start, spans[last]!.end), core: spans[best]!.text, coreCoverage: share(scores[best]!), windowCoverage: share(window), leadCoverage: share(scores[0]!) };
}

/** The question terms a sentence holds. */
function coveredTerms(sentence: SentenceAnalysis, hit: Hit, scoring: Scoring): Set<string> {
  const covered = new Set<string>();
  const present = sentence.terms;
  const named = scoring.named(sentence.text, hit.passage.id);
  scoring.weights.forEach((_w, t) => {
    // A matched term also counts in a sentence holding a near form of it ("migrant" for "migrat").
    if (present.has(t) || named.has(t) || (hit.matched.includes(t) && fuzzyIn(t, present)) || !!scoring.alternatives?.get(t)?.some((a) => present.has(a))) covered.add(t);
  });
  return covered;
}

function weigh(terms: ReadonlySet<string>, weights: ReadonlyMap<string, number>): number {
  let score = 0;
  for (const t of terms) score += weights.get(t) ?? 0;
  return score;
}

/** A typo-tolerant match: the sentence holds a word within one edit of the term's stem. */
function fuzzyIn(term: string, words: ReadonlySet<string>): boolean {
  for (const w of words) if (Math.abs(w.length - term.length) <= 2 && (w.startsWith(term) || term.startsWith(w) || withinOneEdit(w, term))) return true;
  return false;
}

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  // Compare the tails in place (no substrings): one substitution, insertion or deletion at i.
  return sameFrom(a, i + 1, b, i + 1) || sameFrom(a, i, b, i + 1) || sameFrom(a, i + 1, b, i);
}

function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a[i] !== b[j]) return false;
  return true;
}
