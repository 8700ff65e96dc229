// Reply → the JSON shape scripts rely on (see README, "JSON output"): npm run ask -- --json and
// POST /api/ask answer with exactly this.

import type { Reply } from '../src/types.js';
import { editionShown } from './kit/reply-parts.js';

export function toJson(reply: Reply, question: string) {
  // On the same kinds of reply as every renderer shows it (kit/reply-parts.ts).
  const edition = editionShown(reply);
  return {
    question: reply.question ?? question,
    answered: reply.answered,
    answer: reply.kind === 'answer' || reply.kind === 'closest' ? (reply.citations[0]?.quote ?? reply.text) : reply.kind === 'no-answer' ? `${reply.title} ${reply.text}`.trim() : reply.text,
    ...(reply.confidence ? { confidence: reply.confidence } : {}),
    ...(reply.unmatched ? { unmatched: reply.unmatched } : {}),
    kind: reply.kind,
    title: reply.title,
    citations: reply.citations.map(({ role, document, section, id, passage, quote, page }) => ({ role, document, section, ...(page ? { page } : {}), id, passage, quote })),
    fields: reply.fields,
    notes: reply.notes,
    ...(edition ? { edition } : {}),
    ...(reply.errorId ? { errorId: reply.errorId } : {}),
    // For feedback on this answer later (POST /api/feedback).
    ...(reply.questionId !== undefined ? { questionId: reply.questionId } : {}),
  };
}
