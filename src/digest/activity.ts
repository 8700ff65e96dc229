// What the team asked since the last digest: how many questions, what about, and which ones the
// documents answered only in part or not at all (the knowledge gaps, a cue to add a document).
// Only the questions' words are shown, never who asked or where, and only for questions asked
// where the whole channel could see them: a question asked privately is counted, never quoted.

import type { Field } from '../types.js';
import type { Library } from '../library/library.js';
import type { FeedbackCounts, Outcome, QuestionRecord } from '../store.js';

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
  for (const gap of GAPS) {
    const value = gapList(questions.filter((q) => q.outcome === gap.outcome));
    if (value.length) fields.push({ name: gap.name, value: [...value, gap.hint].join('\n') });
  }
  return fields;
}

/** Public questions quoted (most asked first, at most a few); private ones only counted. */
function gapList(questions: readonly QuestionRecord[]): string[] {
  const quoted = distinct(questions.filter((q) => q.audience === 'public'));
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
function distinct(questions: readonly QuestionRecord[]): { text: string; count: number }[] {
  const byKey = new Map<string, { text: string; count: number }>();
  for (const q of questions) {
    const text = shown(q.question);
    if (!text) continue;
    const key = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const seen = byKey.get(key);
    if (seen) seen.count += 1;
    else byKey.set(key, { text, count: 1 });
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}

/**
 * A question as it may appear in a channel: short, and with nothing that names or pings a person:
 * platform mention syntax (`<@U123>`, `<@!123>`, `<@&role>`, `<#C123>`, `<!here>`), @everyone /
 * @here / @channel, the @handles adapters turn mentions into, and e-mail addresses.
 */
export function shown(question: string): string {
  const text = question
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ')
    .replace(/(^|[^\p{L}\p{N}_.])@[\p{L}\p{N}_.-]*/gu, '$1 ')
    .replace(/\s+/g, ' ')
    .replace(/ ([?!.,;:])/g, '$1')
    .trim();
  return text.length > QUESTION_CHARS ? `${text.slice(0, QUESTION_CHARS - 1).trimEnd()}…` : text;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
