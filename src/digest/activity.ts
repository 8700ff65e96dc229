// What the team asked since the last digest: how many questions, what about, and which ones the
// documents answered only in part or not at all (the knowledge gaps, a cue to add a document).
// Only the questions' words are shown, never who asked or where, and only for questions asked
// where the whole channel could see them: a question asked privately is counted, never quoted.

import type { Field } from '../types.js';
import type { Library } from '../library/library.js';
import type { FeedbackCounts, Outcome, QuestionRecord } from '../store.js';
import { STOP_WORDS, toTerm } from '../search/text.js';
import { countriesIn, countriesOfRegion } from '../search/places.js';
import { hasWordNet, isEnglishWord } from '../search/wordnet.js';

const TOP_TOPICS = 3;
const GAPS_SHOWN = 5;
const QUESTION_CHARS = 160;

const GAPS: { outcome: Exclude<Outcome, 'high'>; name: string; hint: string }[] = [
  { outcome: 'partial', name: 'Partly covered by the documents', hint: 'Policy Desk found part of an answer; a document on the rest would complete it.' },
  { outcome: 'none', name: 'Not covered by the documents', hint: 'If these matter to the team, a document that covers them would let Policy Desk answer.' },
];

export function questionFields(questions: readonly QuestionRecord[], library: Library, period: string): Field[] {
  if (!questions.length) return [];
  const answered = questions.filter((q) => q.outcome === 'high').length;
  const partly = questions.filter((q) => q.outcome === 'partial').length;
  const all = answered === questions.length;
  const fields: Field[] = [
    {
      name: 'What the team asked',
      value: `${plural(questions.length, 'question')} ${period}; ${all ? (answered === 1 ? 'it was' : 'all were') : `${answered}`} answered from the documents${partly ? `, ${partly} in part` : ''}.`,
    },
  ];
  const topics = topTopics(questions, library);
  if (topics.length) fields.push({ name: 'Most asked about', value: topics.map(([topic, n]) => `• ${topic} (${plural(n, 'question')})`).join('\n') });
  const known = knownWord(library);
  for (const gap of GAPS) {
    const value = gapList(questions.filter((q) => q.outcome === gap.outcome), known);
    if (value.length) fields.push({ name: gap.name, value: [...value, gap.hint].join('\n') });
  }
  return fields;
}

/** Public questions quoted (most asked first, at most a few); private ones only counted. */
function gapList(questions: readonly QuestionRecord[], known: (word: string) => boolean): string[] {
  const quoted = distinct(questions.filter((q) => q.audience === 'public'), known);
  const privately = questions.filter((q) => q.audience !== 'public').length;
  const lines = quoted.slice(0, GAPS_SHOWN).map(({ text, count }) => `• “${text}”${count > 1 ? ` (asked ${count} times)` : ''}`);
  const more = quoted.length - Math.min(quoted.length, GAPS_SHOWN);
  if (more) lines.push(`• and ${plural(more, 'other question')}`);
  if (privately) lines.push(`• ${lines.length ? 'and ' : ''}${plural(privately, 'question')} asked privately (not quoted)`);
  return lines;
}

export function feedbackField(counts: FeedbackCounts): Field[] {
  if (!counts.helpful && !counts.notHelpful) return [];
  return [{ name: 'Feedback on answers', value: `${counts.helpful} helpful, ${counts.notHelpful} not helpful.` }];
}

/**
 * A question's topics: the catalog entries it names; failing that, for an answered question, the
 * section its answer came from. An unanswered question's nearest passage is not its topic.
 */
function topTopics(questions: readonly QuestionRecord[], library: Library): [string, number][] {
  const counts = new Map<string, number>();
  for (const q of questions) {
    const named = library.catalog.mentionedIn(q.question).map((e) => e.name);
    const section = q.answered && q.topPassageId ? library.index.passage(q.topPassageId)?.section.split(' › ').at(-1) : undefined;
    for (const topic of new Set(named.length ? named : section ? [section] : [])) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_TOPICS);
}

/** The same question asked twice counted once, most asked first. */
function distinct(questions: readonly QuestionRecord[], known: (word: string) => boolean): { text: string; count: number }[] {
  const byKey = new Map<string, { text: string; count: number }>();
  for (const q of questions) {
    const text = shown(q.question, known);
    if (!text) continue;
    const key = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const seen = byKey.get(key);
    if (seen) seen.count += 1;
    else byKey.set(key, { text, count: 1 });
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}

const CALENDAR = new Set('monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(' '));

/**
 * Whether a capitalised word of a question is one the documents use, a place or a day or month:
 * anything else capitalised ("Maria", "Lopez") may name a person, and is not quoted.
 */
function knownWord(library: Library): (word: string) => boolean {
  return (word) => {
    const lower = word.toLowerCase();
    if (CALENDAR.has(lower) || CALENDAR.has(lower.replace(/s$/, ''))) return true;
    if (countriesIn(word).length || countriesOfRegion(word).length) return true;
    const term = toTerm(lower);
    return term !== null && library.index.documentFrequency(term) > 0;
  };
}

// A capitalised word: "Maria", "O'Neill", not an acronym ("ILO", "C143" stay as they are).
const CAPITALISED = /(?<![\p{L}\p{N}'’])\p{Lu}(?:\p{Ll}*['’]\p{Lu}\p{Ll}+|\p{Ll}+(?:['’]s)?)(?![\p{L}\p{N}])/gu;

/**
 * Plain-text names out: a capitalised word the documents never use, and that is no place, day or
 * month, is taken for a person's name ("Can Maria Lopez see…" → "Can [name] see…"). The first
 * word of a question is capitalised anyway: it goes only when a name follows it ("Maria Lopez
 * asked…") or it is no English word ("Priya asked…"), never when it is a stop word ("Does Maria…"
 * keeps "Does"). WordNet knows some first names as words ("Maria", "John"): alone at the start
 * of a question, those stay.
 */
function withoutNames(text: string, known: (word: string) => boolean): string {
  const words = [...text.matchAll(CAPITALISED)].map((m) => ({ word: m[0], at: m.index, unknown: !known(m[0].replace(/['’]s$/u, '')) }));
  const isFirst = (at: number) => !/[\p{L}\p{N}]/u.test(text.slice(0, at));
  const nextTo = (a: { word: string; at: number }, b: { at: number } | undefined) => !!b && /^[\s-]+$/.test(text.slice(a.at + a.word.length, b.at));
  // The question's first word stays when it is a stop word, or a word WordNet knows (where that
  // can be asked) and no unknown capitalised word follows it.
  const firstStays = (k: number) => {
    const w = words[k]!;
    if (STOP_WORDS.has(w.word.toLowerCase())) return true;
    const nameFollows = nextTo(w, words[k + 1]) && words[k + 1]!.unknown;
    return !nameFollows && (!hasWordNet() || isEnglishWord(w.word));
  };
  let out = '';
  let from = 0;
  words.forEach((w, k) => {
    if (!w.unknown || (isFirst(w.at) && firstStays(k))) return;
    const joined = k > 0 && out.endsWith('[name]') && nextTo(words[k - 1]!, w) && from === words[k - 1]!.at + words[k - 1]!.word.length;
    out += joined ? '' : `${text.slice(from, w.at)}[name]`;
    from = w.at + w.word.length;
  });
  return out + text.slice(from);
}

/**
 * A question as it may appear in a channel: short, and with nothing that names or pings a person:
 * platform mention syntax (`<@U123>`, `<@!123>`, `<@&role>`, `<#C123>`, `<!here>`), @everyone /
 * @here / @channel, the @handles adapters turn mentions into, e-mail addresses and, given the
 * words the documents use, plain-text names.
 */
export function shown(question: string, known?: (word: string) => boolean): string {
  const plain = question
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ')
    .replace(/(^|[^\p{L}\p{N}_.])@[\p{L}\p{N}_.-]*/gu, '$1 ');
  const text = (known ? withoutNames(plain, known) : plain)
    .replace(/\s+/g, ' ')
    .replace(/ ([?!.,;:])/g, '$1')
    .trim();
  return text.length > QUESTION_CHARS ? `${text.slice(0, QUESTION_CHARS - 1).trimEnd()}…` : text;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
