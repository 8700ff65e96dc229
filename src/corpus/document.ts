// The shape every format's reader produces, whatever the file was: the document's own metadata,
// its blocks in reading order (headings, paragraphs, list items) and its notes, each with the
// printed page it stands on when the format has pages. One function turns it into passages, so
// a PDF, a Word file and a web page are cut and cited exactly like Markdown.

import { OPENING_SECTION, joinLeadIns, type ParsedDocument, type ParsedPassage } from './markdown.js';

export interface DocumentMeta {
  title?: string;
  publisher?: string;
  year?: number;
  source?: string;
}

export interface Block {
  kind: 'heading' | 'paragraph' | 'item';
  /** Heading level, 1 = the document title; only relative order matters. */
  level?: number;
  text: string;
  /** Printed page labels of the first and last line of the block. */
  pages?: [string, string];
}

export interface Note {
  /** The number the reader sees, in reading order: "1", "2", ... */
  label: string;
  text: string;
  page?: string;
}

export interface ReadDocument {
  meta: DocumentMeta;
  blocks: Block[];
  notes: Note[];
  /** Number of pages, for formats that have them. */
  pages?: number;
  /** Problems that did not stop the reading (e.g. some pages had no text). */
  problems?: string[];
}

/** Where notes go in the section tree: the same place Markdown's "## Notes / ### Note 3" puts them. */
export const NOTES_SECTION = 'Notes';

/** "4", or "4–5" for a passage that runs across a page break. */
export function pageSpan(first: string | undefined, last: string | undefined): string | undefined {
  if (!first) return last;
  return !last || last === first ? first : `${first}–${last}`;
}

export function toParsedDocument(doc: ReadDocument): ParsedDocument & { meta: DocumentMeta; pages?: number; problems: string[] } {
  const passages: ParsedPassage[] = [];
  let h1: string | undefined;
  const stack: { level: number; text: string }[] = [];
  let pending: { kind: 'paragraph' | 'list'; text: string; first?: string; last?: string }[] = [];

  const flush = () => {
    const headings = stack.length ? stack.map((h) => h.text) : [OPENING_SECTION];
    const joined = joinLeadIns(pending.map((b) => ({ kind: b.kind, text: b.text, page: b.first, lastPage: b.last })));
    for (const j of joined) passages.push({ headings, text: j.text, page: pageSpan(j.page, j.lastPage) });
    pending = [];
  };

  for (const block of doc.blocks) {
    const text = block.text.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    if (block.kind === 'heading') {
      flush();
      const level = block.level ?? 2;
      if (level <= 1 && h1 === undefined && !passages.length && !stack.length) {
        h1 = text;
        continue;
      }
      const depth = Math.max(level, 2);
      while (stack.length && stack[stack.length - 1]!.level >= depth) stack.pop();
      stack.push({ level: depth, text });
      continue;
    }
    const [first, last] = block.pages ?? [];
    const previous = pending[pending.length - 1];
    if (block.kind === 'item' && previous?.kind === 'list') {
      previous.text += `\n- ${text}`;
      previous.last = last ?? previous.last;
    } else {
      pending.push({ kind: block.kind === 'item' ? 'list' : 'paragraph', text: block.kind === 'item' ? `- ${text}` : text, first, last });
    }
  }
  flush();
  for (const note of doc.notes) {
    const text = note.text.replace(/\s+/g, ' ').trim();
    if (text) passages.push({ headings: [NOTES_SECTION, `Note ${note.label}`], text, page: note.page });
  }
  return { h1, passages, meta: doc.meta, pages: doc.pages, problems: doc.problems ?? [] };
}
