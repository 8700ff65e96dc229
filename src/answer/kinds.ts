// Kinds of question that need a particular kind of quote: "When…" wants a date, "How many…" a
// number that counts what is asked, "How much…" an amount, "What share of…" a share, "Which countries…" country names, "On
// what date…" a day, "Which article…" an article number, "Who chairs…" a person. One table: each
// kind says what its quote must hold and what happens when it does not: the passage cannot
// answer at all (refuse), or it can be the closest passage but never a confident answer (closest). A passage may match such a question word for word and still not
// answer it: "Which 22 countries does the project cover?" is not answered by "covering 22
// countries in Eastern Africa".

import { countriesIn } from '../search/places.js';
import { toTerm, tokenize } from '../search/text.js';
import { CARDINAL_WORDS } from '../search/numbers.js';

export type KindFit = 'fits' | 'closest' | 'refuse';

interface QuestionKind {
  name: string;
  asks: RegExp;
  /** A question the pattern matches that is not of this kind after all. */
  except?: (match: RegExpExecArray) => boolean;
  /** Whether a quote holds what the question asks for. */
  holds: (quote: string, question: string) => boolean;
  /** What a quote that does not hold it can still be… */
  otherwise: Exclude<KindFit, 'fits'>;
  /** …unless it holds nothing of the kind at all: then it cannot answer. */
  refusesWithout?: (quote: string) => boolean;
  /** Said in a closest reply whose quote does not hold it. */
  lacks: string;
}

const MONTH = '(?:january|february|march|april|may|june|july|august|september|october|november|december)';
const YEAR_OR_DATE = new RegExp(`\\b(?:1[89]\\d\\d|20\\d\\d)\\b|\\b${MONTH}\\b`, 'i');
const DAY_OF_MONTH = new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}\\b|\\b${MONTH}\\s+\\d{1,2}\\b`, 'i');
const NUMBER_WORD = new RegExp(`\\b(?:${[...CARDINAL_WORDS, 'half', 'third', 'quarter', 'dozen'].join('|')})\\b`, 'i');
const VAGUE_AMOUNT = /\b(?:several|few|many|most|majority|handful|some)\b/i;
// A number that is not only a year: "86 million", "35 per cent", "twentieth".
const FIGURE = /\b(?!(?:1[89]|20)\d\d\b)\d[\d,.]*\b|\b\w+(?:tieth|teenth)\b/i;
const AMOUNT = /(?:US\s?\$|\$|€|£|\b(?:USD|EUR|CHF|GBP)\s?)\s?\d|\d[\d,.]*\s*(?:%|per\s*cent\b|percent\b|(?:million|billion|thousand|trillion|bn|m)\b|(?:dollars?|euros?|francs?|pounds?|yen|pesos?)\b|(?:hours?|days?|weeks?|months?|years?|times)\b)|\b(?:half|double|doubled|tripled|twice|thousands|millions|billions)\b/i;
const SHARE = /\d\s*(?:%|per\s*cent\b|percent\b)|\b(?:half|third|thirds|quarter|quarters|fifth|fifths|tenth)\b|\bone\s+in\s+\w+\b/i;
// What says when without a date: "it only becomes operative once enough States have accepted it".
const CONDITION = /\b(?:once|until|as soon as|after|before|when|whenever)\b/i;
const AUXILIARY = /^(?:should|do|does|did|are|is|were|was|have|has|had|can|could|will|would|may|might|must)$/i;

/** "What share of…", "What is the unemployment rate of…", "Which proportion did…": a question naming what it asks for. */
function asksByName(nouns: string): RegExp {
  return new RegExp(String.raw`^\s*(?:what|which)\s+(?:(?:is|was|are|were)\s+)?(?:the\s+)?(?:[\p{L}-]+\s+)?(?:${nouns})s?\s+(?:of|did|does|do|is|are|was|were|for|in)\b`, 'iu');
}

export const QUESTION_KINDS: readonly QuestionKind[] = [
  // A day: a year alone does not say on what date.
  { name: 'date', asks: /^\s*(?:on\s+)?(?:what|which)\s+(?:date|day)\b/i, holds: (q) => DAY_OF_MONTH.test(q), otherwise: 'closest', lacks: 'It gives no day.' },
  // A year or a date. A condition ("once enough States have accepted it") says when without one: the closest passage, no more.
  { name: 'when', asks: /^\s*(?:when\b|(?:in\s+)?(?:what|which)\s+year\b)/i, holds: (q) => YEAR_OR_DATE.test(q), otherwise: 'closest', refusesWithout: (q) => CONDITION.test(q), lacks: 'It gives no date.' },
  // A count: a number that counts what is asked ("How many countries…": "22 countries"). A quote with
  // no number at all cannot answer; one whose numbers count something else can be the closest.
  { name: 'how many', asks: /^\s*how\s+many\b/i, holds: countsTheThing, otherwise: 'closest', refusesWithout: holdsAnAmount, lacks: 'It gives no number for what is asked.' },
  // An amount: money, a share or a scale ("US$ 167 billion", "35 per cent"), not a count of things ("22 countries").
  { name: 'how much', asks: /^\s*how\s+much\b/i, holds: (q) => AMOUNT.test(q), otherwise: 'closest', refusesWithout: holdsAnAmount, lacks: 'It gives no amount.' },
  // Quantities asked by name. A share is a part of a whole ("close to half", "35 per cent"): "most
  // of them" or "four principles" is none. A rate or a cost needs a figure.
  { name: 'share', asks: asksByName('share|proportion|percentage|per\\s*cent(?:age)?|fraction'), holds: (q) => SHARE.test(q), otherwise: 'closest', lacks: 'It gives no share.' },
  { name: 'quantity', asks: asksByName('rate|ratio|number|amount|sum|cost'), holds: holdsAFigure, otherwise: 'closest', lacks: 'It gives no figure.' },
  {
    name: 'countries',
    asks: /^\s*(?:which|what)\s+((?:\S+\s+){0,2}?)(?:countries|states|nations)\b/i,
    // "What should destination countries do…" is not a question for a list of countries.
    except: (m) => !!m[1]?.split(/\s+/).some((w) => AUXILIARY.test(w)),
    holds: namesCountries,
    otherwise: 'closest',
    lacks: 'It names no country.',
  },
  // An article number: "Which article of C143 covers…" is not answered by a passage on C143.
  { name: 'article', asks: /\b(?:which|what)\s+(?:article|provision|paragraph|clause)s?\b|\barticle\s+number\b/i, holds: (q) => /\b(?:article|art\.?|paragraph|para\.?)\s*\d+/i.test(q), otherwise: 'closest', lacks: 'It gives no article number.' },
  // A person: "Who chairs the Commission?", "What is the name of the Special Rapporteur?"
  { name: 'person', asks: /^\s*who\s+(?:is|was)\s+the\b|\bname\s+of\s+the\b|^\s*who\s+(?:heads|chairs|leads|directs|runs|headed|chaired|led|directed|ran)\b/i, holds: namesAPerson, otherwise: 'closest', lacks: 'It names no person.' },
];

/** How far a quote can answer the question's kind, and what it lacks when not fully ("It names no country."). */
export interface KindJudgement {
  fit: KindFit;
  lacks?: string;
}

export function judgeKind(question: string, quote: string): KindJudgement {
  const { fit, kind } = judge(question, quote);
  return fit === 'fits' ? { fit } : { fit, lacks: kind?.lacks };
}

function judge(question: string, quote: string): { fit: KindFit; kind?: QuestionKind } {
  for (const kind of QUESTION_KINDS) {
    const m = kind.asks.exec(question);
    if (!m || kind.except?.(m)) continue;
    if (kind.holds(quote, question)) return { fit: 'fits', kind };
    if (kind.refusesWithout && !kind.refusesWithout(quote)) return { fit: 'refuse', kind };
    return { fit: kind.otherwise, kind };
  }
  return { fit: 'fits' };
}

/** A figure that is not only a year, or a number word ("half"). */
function holdsAFigure(quote: string): boolean {
  return FIGURE.test(quote) || NUMBER_WORD.test(quote);
}

/** Any number or amount at all, a year or "several" included. */
function holdsAnAmount(quote: string): boolean {
  return /\d/.test(quote) || NUMBER_WORD.test(quote) || VAGUE_AMOUNT.test(quote);
}

/** The quote names a country the question does not. */
function namesCountries(quote: string, question: string): boolean {
  const asked = new Set(countriesIn(question));
  return countriesIn(quote).some((c) => !asked.has(c));
}

/** A number in the quote counts the thing asked about: a figure or number word a few words before it ("a handful of" is no count). */
function countsTheThing(quote: string, question: string): boolean {
  const m = /^\s*how\s+many\s+([\p{L}-]+)(?:\s+([\p{L}-]+))?/iu.exec(question);
  const things = new Set([m?.[1], m?.[2]].map((w) => (w ? toTerm(w) : null)).filter((t): t is string => !!t));
  if (!things.size) return FIGURE.test(quote) || NUMBER_WORD.test(quote);
  const tokens = tokenize(quote);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!(FIGURE.test(token) || NUMBER_WORD.test(token))) continue;
    for (let j = i + 1; j <= i + 4 && j < tokens.length; j++) {
      const t = toTerm(tokens[j]!);
      if (t && things.has(t)) return true;
    }
  }
  return false;
}

// A title before a name ("Mr. Juan Somavia"), or two capitalised words running that the question
// does not use and that are not the words institutions are named with.
const TITLED = /\b(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Ambassador|Minister|President|Director-General)\.?\s+\p{Lu}/u;
const INSTITUTION_WORDS = new Set('office organization organisation convention commission committee assembly council conference nations united international national group programme program union agreement declaration plan action labour labor rights human migration migrant migrants workers global special general world european secretary department ministry bank fund forum dialogue'.split(' '));

function namesAPerson(quote: string, question: string): boolean {
  if (TITLED.test(quote)) return true;
  const asked = new Set((question.match(/\p{L}+/gu) ?? []).map((w) => w.toLowerCase()));
  const fresh = (w: string) => !asked.has(w.toLowerCase()) && !INSTITUTION_WORDS.has(w.toLowerCase());
  for (const m of quote.matchAll(/(?<=[\p{L}\p{N},;:)]\s+)(\p{Lu}\p{Ll}+)\s+(\p{Lu}\p{Ll}+)/gu)) if (fresh(m[1]!) && fresh(m[2]!)) return true;
  return false;
}
