// Cuts a Markdown (or plain text) body into sections by its headings, and each section into
// passages: a paragraph, or a list together with the line that leads into it.

import { toPlainText } from './plain.js';

export interface ParsedPassage {
  /** Headings above the passage, outermost first (the document title excluded). */
  headings: string[];
  text: string;
  /** Printed page label ("4", "4–5"), for formats that have pages. */
  page?: string;
}

export interface ParsedDocument {
  /** The first level-1 heading, when the document opens with one: used as its title. */
  h1?: string;
  passages: ParsedPassage[];
}

/** Name for the text that comes before a document's first heading. */
export const OPENING_SECTION = 'Introduction';

// A list joins the paragraph before it when that paragraph reads as its lead-in.
const LEAD_IN_MAX_CHARS = 200;

const ATX_HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const SETEXT_UNDERLINE = /^(=+|-+)\s*$/;
const LIST_ITEM = /^\s{0,3}(?:[-*+•]|\d{1,3}[.)])\s+/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;

interface Block {
  kind: 'paragraph' | 'list';
  lines: string[];
}

export function parseMarkdown(body: string): ParsedDocument {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const result: ParsedDocument = { passages: [] };
  const stack: { level: number; text: string }[] = [];
  let titleLevel = 0;
  let block: Block | null = null;
  let sectionBlocks: Block[] = [];
  let inFence = false;

  const flushBlock = () => {
    if (block && block.lines.some((l) => l.trim())) sectionBlocks.push(block);
    block = null;
  };
  const flushSection = () => {
    flushBlock();
    const headings = stack.map((h) => h.text);
    for (const { text } of joinLeadIns(sectionBlocks.map((b) => ({ kind: b.kind, text: b.kind === 'list' ? listText(b.lines) : toPlainText(b.lines.join(' ')) })))) {
      result.passages.push({ headings: headings.length ? headings : [OPENING_SECTION], text });
    }
    sectionBlocks = [];
  };
  const heading = (level: number, raw: string) => {
    flushSection();
    const text = toPlainText(raw).replace(/\s+/g, ' ').trim();
    if (!text) return;
    if (level === 1 && result.h1 === undefined && result.passages.length === 0 && stack.length === 0) {
      result.h1 = text;
      titleLevel = 1;
      return;
    }
    const depth = Math.max(level, titleLevel + 1);
    while (stack.length && stack[stack.length - 1]!.level >= depth) stack.pop();
    stack.push({ level: depth, text });
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) {
      inFence = !inFence;
      if (inFence) {
        flushBlock();
        block = { kind: 'paragraph', lines: [] };
      } else flushBlock();
      continue;
    }
    if (inFence) {
      block!.lines.push(line);
      continue;
    }
    const atx = ATX_HEADING.exec(line);
    if (atx) {
      heading(atx[1]!.length, atx[2]!);
      continue;
    }
    const next = lines[i + 1];
    const currentBlock = block as Block | null;
    if (line.trim() && next !== undefined && SETEXT_UNDERLINE.test(next) && !currentBlock && !LIST_ITEM.test(line)) {
      heading(next.trim().startsWith('=') ? 1 : 2, line);
      i++;
      continue;
    }
    if (!line.trim()) {
      flushBlock();
      continue;
    }
    if (RULE.test(line)) {
      flushBlock();
      continue;
    }
    const isItem = LIST_ITEM.test(line);
    if (isItem && currentBlock?.kind !== 'list') {
      flushBlock();
      block = { kind: 'list', lines: [] };
    } else if (!currentBlock) {
      block = { kind: 'paragraph', lines: [] };
    }
    block!.lines.push(line);
  }
  flushSection();
  return result;
}

export interface TextBlock {
  kind: 'paragraph' | 'list';
  text: string;
  /** Page labels of the block's first and last line, for formats that have pages. */
  page?: string;
  lastPage?: string;
}

/** Blocks → passage texts, with each list merged into the short paragraph that introduces it. */
export function joinLeadIns(blocks: TextBlock[]): TextBlock[] {
  const out: TextBlock[] = [];
  let previous: TextBlock | undefined;
  for (const b of blocks) {
    if (!b.text) continue;
    const last = out[out.length - 1];
    if (b.kind === 'list' && previous?.kind === 'paragraph' && last) {
      if (last.text.endsWith(':') || last.text.length <= LEAD_IN_MAX_CHARS) {
        last.text = `${last.text}\n${b.text}`;
        last.lastPage = b.lastPage ?? b.page ?? last.lastPage;
        previous = b;
        continue;
      }
    }
    out.push({ ...b });
    previous = b;
  }
  return out;
}

function listText(lines: string[]): string {
  // Continuation lines belong to the item above them.
  const items: string[] = [];
  for (const line of lines) {
    if (LIST_ITEM.test(line)) items.push(line.replace(LIST_ITEM, ''));
    else if (items.length) items[items.length - 1] += ' ' + line.trim();
  }
  return items
    .map((item) => toPlainText(item))
    .filter(Boolean)
    .map((item) => `- ${item}`)
    .join('\n');
}
