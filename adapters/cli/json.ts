// Reply → the JSON shape scripts rely on (see README, "JSON output").

import type { Reply } from '../../src/types.js';

export function toJson(reply: Reply, question: string) {
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
    ...(reply.edition ? { edition: reply.edition } : {}),
    ...(reply.errorId ? { errorId: reply.errorId } : {}),
  };
}
