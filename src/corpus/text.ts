// The Markdown and plain-text reader: UTF-8 text, optional YAML front matter, then Markdown
// structure (plain text is Markdown without markup).

import type { ParsedFile } from './parsed-file.js';
import { splitFrontMatter, stringField, yearField } from './front-matter.js';
import { parseMarkdown } from './markdown.js';
import { ReaderError } from './reader-error.js';

export function readText(bytes: Uint8Array): ParsedFile {
  const text = decodeText(Buffer.from(bytes));
  if (text === undefined) throw new ReaderError('looks like a binary file, not text; skipped');
  if (!text.trim()) throw new ReaderError('is empty; skipped');
  const { meta, body, problem } = splitFrontMatter(text);
  const parsed = parseMarkdown(body);
  return {
    meta: { title: stringField(meta.title), publisher: stringField(meta.publisher), year: yearField(meta.year), source: stringField(meta.source) },
    h1: parsed.h1,
    passages: parsed.passages,
    problems: problem ? [problem.startsWith('front matter') ? problem : `front matter ignored: ${problem}`] : [],
  };
}

/** UTF-8 text, or undefined for content that is not text (NUL bytes, or mostly undecodable). */
function decodeText(bytes: Buffer): string | undefined {
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return undefined;
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const bad = (text.match(/\uFFFD|[\u0001-\u0008\u000E-\u001F]/g) ?? []).length;
  if (bad > 16 && bad / text.length > 0.01) return undefined;
  return text;
}
