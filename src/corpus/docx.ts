// The Word reader: mammoth turns .docx paragraphs into HTML by their styles (headers and footers
// are left out). A document written without heading styles gets its headings from what people
// use instead: short paragraphs set all in bold, or larger than the text around them.

import mammoth from 'mammoth';
import type { ReadDocument } from './document.js';
import { htmlToBlocks } from './html-blocks.js';
import { ReaderError } from './reader-error.js';

const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => p.subtitle:fresh",
  "p[style-name='Author'] => p.author:fresh",
  "p[style-name='Date'] => p.date:fresh",
];

// mammoth's own types leave out transforms (documented in its README).
const transforms = (mammoth as unknown as { transforms: { paragraph(fn: (p: MammothParagraph) => MammothParagraph): (doc: unknown) => unknown } }).transforms;

interface MammothRun {
  type: string;
  isBold?: boolean;
  fontSize?: number | null;
  children?: MammothRun[];
  value?: string;
}
interface MammothParagraph {
  type: 'paragraph';
  styleId?: string | null;
  styleName?: string | null;
  numbering?: unknown;
  children: MammothRun[];
}

export async function readDocx(bytes: Uint8Array): Promise<ReadDocument> {
  // A .docx is a zip; anything else (a PDF renamed .docx, a legacy .doc) is not one.
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new ReaderError('is not a Word .docx file (its content is not a .docx package); skipped');
  const buffer = Buffer.from(bytes);
  let headingsByStyle = false;
  let sizes: number[] = [];
  try {
    // First pass: does the author use heading styles, and what size is the body text?
    await mammoth.convertToHtml({ buffer }, {
      transformDocument: transforms.paragraph((p: MammothParagraph) => {
        if (/^(heading|title)/i.test(p.styleName ?? '') || /^heading/i.test(p.styleId ?? '')) headingsByStyle = true;
        const s = paragraphSize(p);
        if (s) sizes.push(s);
        return p;
      }),
    });
  } catch (err) {
    throw new ReaderError(`is not a readable Word file (${firstLine(err)}); skipped`);
  }
  sizes = sizes.sort((a, b) => a - b);
  const body = sizes[Math.floor(sizes.length / 2)];
  const result = await mammoth.convertToHtml(
    { buffer },
    {
      styleMap: STYLE_MAP,
      includeDefaultStyleMap: true,
      ignoreEmptyParagraphs: true,
      transformDocument: transforms.paragraph((p: MammothParagraph) => (headingsByStyle ? p : asHeading(p, body))),
    },
  );
  const { blocks, notes } = htmlToBlocks(result.value);
  // Author and date paragraphs under the title describe the document; they are not its text.
  const extra = metaParagraphs(result.value);
  const title = blocks.find((b) => b.kind === 'heading' && b.level === 1)?.text;
  const meta: ReadDocument['meta'] = { title, year: extra.year, publisher: extra.publisher };
  return { meta, blocks: blocks.filter((b) => !extra.texts.has(b.text)), notes };
}

/** A paragraph with no heading style that reads as one: short, and all bold or set large. */
function asHeading(p: MammothParagraph, body: number | undefined): MammothParagraph {
  if (p.numbering) return p;
  const text = runsText(p.children).trim();
  if (!text || text.length > 150 || /[.,;:]$/.test(text)) return p;
  const runs = flatRuns(p.children).filter((r) => (r.value ?? '').trim());
  if (!runs.length) return p;
  const bold = runs.every((r) => r.isBold);
  const size = paragraphSize(p);
  const ratio = body && size ? size / body : 1;
  if (ratio >= 1.6) return { ...p, styleId: 'Heading1', styleName: 'Heading 1' };
  if (ratio >= 1.2) return { ...p, styleId: 'Heading2', styleName: 'Heading 2' };
  if (bold) return { ...p, styleId: 'Heading3', styleName: 'Heading 3' };
  return p;
}

function flatRuns(children: MammothRun[]): MammothRun[] {
  const out: MammothRun[] = [];
  for (const c of children) {
    if (c.type === 'run') out.push(...(c.children ?? []).map((t) => ({ ...t, isBold: c.isBold, fontSize: c.fontSize })));
    else if (c.children) out.push(...flatRuns(c.children));
  }
  return out;
}

function runsText(children: MammothRun[]): string {
  return flatRuns(children).map((r) => r.value ?? '').join('');
}

function paragraphSize(p: MammothParagraph): number | undefined {
  const runs = flatRuns(p.children).filter((r) => (r.value ?? '').trim() && r.fontSize);
  if (!runs.length) return undefined;
  return Math.max(...runs.map((r) => r.fontSize!));
}

function metaParagraphs(html: string): { texts: Set<string>; year?: number; publisher?: string } {
  const texts = new Set<string>();
  let year: number | undefined;
  let publisher: string | undefined;
  for (const m of html.matchAll(/<p class="(author|date|subtitle)">([\s\S]*?)<\/p>/g)) {
    const text = m[2]!.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
    texts.add(text);
    if (m[1] === 'date') year ??= Number(/\b(1[89]\d\d|20\d\d)\b/.exec(text)?.[1]) || undefined;
    if (m[1] === 'author') publisher ??= text || undefined;
  }
  return { texts, year, publisher };
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 120);
}
