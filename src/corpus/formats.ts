// The document formats Policy Desk reads: one row per format, chosen by file extension. Every
// reader gives the same result (metadata, passages under their headings, pages where the format
// has them), so the rest of the corpus never asks what a file was.

import type { ParsedFile } from './parsed-file.js';

export type { ParsedFile } from './parsed-file.js';

export interface DocumentFormat {
  name: 'markdown' | 'text' | 'pdf' | 'docx' | 'html';
  label: string;
  extensions: readonly string[];
  /** Larger files are reported and skipped: exports, dumps, or scans that would swamp the index. */
  maxBytes: number;
  /** Parsed in the worker thread (heavy, or library code that must never block an answer). */
  inWorker: boolean;
  /** A quick look at the first bytes, before any parsing: why the content is not this format, if it is not. */
  sniff?(bytes: Uint8Array): string | undefined;
  read(bytes: Uint8Array): Promise<ParsedFile> | ParsedFile;
}

const MB = 1024 * 1024;

export const FORMATS: readonly DocumentFormat[] = [
  { name: 'markdown', label: 'Markdown', extensions: ['.md', '.markdown'], maxBytes: 5 * MB, inWorker: false, read: async (b) => (await import('./text.js')).readText(b) },
  { name: 'text', label: 'plain text', extensions: ['.txt'], maxBytes: 5 * MB, inWorker: false, read: async (b) => (await import('./text.js')).readText(b) },
  { name: 'pdf', label: 'PDF', extensions: ['.pdf'], maxBytes: 100 * MB, inWorker: true, sniff: (b) => (startsWith(b, '%PDF-', 1024) ? undefined : `is not a PDF${kindOf(b)}; skipped`), read: async (b) => structured(await (await import('./pdf/read.js')).readPdf(b)) },
  { name: 'docx', label: 'Word', extensions: ['.docx'], maxBytes: 50 * MB, inWorker: true, sniff: (b) => (startsWith(b, 'PK', 2) ? undefined : `is not a Word .docx file${kindOf(b)}; skipped`), read: async (b) => structured(await (await import('./docx.js')).readDocx(b)) },
  { name: 'html', label: 'web page', extensions: ['.html', '.htm'], maxBytes: 10 * MB, inWorker: true, read: async (b) => structured(await (await import('./html.js')).readHtml(b)) },
];

export const DOCUMENT_EXTENSIONS: readonly string[] = FORMATS.flatMap((f) => f.extensions);

export function formatFor(file: string): DocumentFormat | undefined {
  const lower = file.toLowerCase();
  return FORMATS.find((f) => f.extensions.some((ext) => lower.endsWith(ext)));
}

export function formatNamed(name: string): DocumentFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}

/** "report.pdf.yaml": metadata for report.pdf, not a catalog file. */
export function isSidecar(file: string): boolean {
  const m = /^(.*)\.ya?ml$/i.exec(file);
  return m !== null && formatFor(m[1]!) !== undefined;
}

function startsWith(bytes: Uint8Array, magic: string, within: number): boolean {
  return Buffer.from(bytes.subarray(0, within)).includes(magic);
}

/** " (it is a PDF: renamed?)": what the content really is, when it is recognisable. */
function kindOf(bytes: Uint8Array): string {
  if (startsWith(bytes, '%PDF-', 1024)) return ' (it is a PDF: was it renamed?)';
  if (startsWith(bytes, 'PK', 2)) return ' (it is a zip archive)';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) return ' (it is an old Word .doc or other Office file: save it as .docx)';
  if (/^\s*</.test(Buffer.from(bytes.subarray(0, 64)).toString('latin1'))) return ' (it looks like HTML or XML)';
  return '';
}

async function structured(doc: import('./document.js').ReadDocument): Promise<ParsedFile> {
  const { toParsedDocument } = await import('./document.js');
  const parsed = toParsedDocument(doc);
  return { meta: parsed.meta, h1: parsed.h1, passages: parsed.passages, pages: parsed.pages, problems: parsed.problems };
}
