// Building the simplest replies: a message with a title and no passages.

import type { Citation, CitationRole, Reply } from './types.js';
import type { Passage } from './corpus/types.js';

export function notice(kind: Reply['kind'], title: string, text: string, extra: Partial<Reply> = {}): Reply {
  return { kind, title, text, citations: [], fields: [], notes: [], answered: false, ...extra };
}

/** A passage cited with the sentences quoted from it; the page only where the format has pages. */
export function citePassage(p: Passage, role: CitationRole, quote: string): Citation {
  return { role, document: p.document, section: p.section, id: p.id, passage: p.text, quote, ...(p.page ? { page: p.page } : {}) };
}
