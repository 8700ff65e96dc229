// What the team asked since the last digest: how many questions, what about, and which ones the
// documents could not answer (the knowledge gaps, a cue to add a document). Only the questions'
// words are shown, never who asked or where.

import type { Field } from '../types.js';
import type { Library } from '../library/library.js';
import type { FeedbackCounts, QuestionRecord } from '../store.js';

const TOP_TOPICS = 3;
const GAPS_SHOWN = 5;
const QUESTION_CHARS = 160;

export function questionFields(questions: readonly QuestionRecord[], library: Library, period: string): Field[] {
  if (!questions.length) return [];
  const answered = questions.filter((q) => q.answered).length;
  const fields: Field[] = [
    {
      name: 'What the team asked',
      value: `${plural(questions.length, 'question')} ${period}; ${answered === questions.length ? (answered === 1 ? 'it was' : 'all were') : `${answered}`} answered from the documents.`,
    },
  ];
  const topics = topTopics(questions, library);
  if (topics.length) fields.push({ name: 'Most asked about', value: topics.map(([topic, n]) => `• ${topic} (${plural(n, 'question')})`).join('\n') });
  const gaps = unanswered(questions);
  if (gaps.length) {
    const shown = gaps.slice(0, GAPS_SHOWN).map(({ text, count }) => `• “${text}”${count > 1 ? ` (asked ${count} times)` : ''}`);
    if (gaps.length > GAPS_SHOWN) shown.push(`• and ${plural(gaps.length - GAPS_SHOWN, 'other question')}`);
    fields.push({
      name: 'Not covered by the documents',
      value: [...shown, 'If these matter to the team, a document that covers them would let Policy Desk answer.'].join('\n'),
    });
  }
  return fields;
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

/** Unanswered questions, the same question asked twice counted once, most asked first. */
function unanswered(questions: readonly QuestionRecord[]): { text: string; count: number }[] {
  const byKey = new Map<string, { text: string; count: number }>();
  for (const q of questions) {
    if (q.answered) continue;
    const text = shown(q.question);
    if (!text) continue;
    const key = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const seen = byKey.get(key);
    if (seen) seen.count += 1;
    else byKey.set(key, { text, count: 1 });
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}

/** A question as it may appear in a channel: no mention tokens (they name or ping people), short. */
function shown(question: string): string {
  const text = question
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/@(?:everyone|here|channel)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > QUESTION_CHARS ? `${text.slice(0, QUESTION_CHARS - 1).trimEnd()}…` : text;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
