// Reads every .md and .txt file under the seeds folder into passages.
// One bad file never stops the rest: it is skipped (or read without its front matter)
// with a warning that names it and says why.

import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Logger } from '../log.js';
import { parseMarkdown } from './markdown.js';
import { slugify } from './plain.js';
import type { Corpus, DocumentInfo, Passage } from './types.js';

export type { Corpus, DocumentInfo, Passage } from './types.js';

export const DOCUMENT_EXTENSIONS = ['.md', '.markdown', '.txt'];
/** Larger files are almost always exports or dumps, not policy text; they would swamp the index. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
const SECTION_SEPARATOR = ' › ';

export class CorpusError extends Error {
  override name = 'CorpusError';
}

export async function loadCorpus(root: string, log: Logger): Promise<Corpus> {
  let files: string[];
  try {
    files = await listDocumentFiles(root);
  } catch (err) {
    throw unreadableFolder(root, err);
  }
  const documents: DocumentInfo[] = [];
  const passages: Passage[] = [];
  const warnings: string[] = [];
  const usedSlugs = new Set<string>();
  const corpusHash = createHash('sha256');

  for (const file of files) {
    const loaded = await loadDocument(root, file, log, usedSlugs);
    warnings.push(...loaded.warnings);
    if (!loaded.document) continue;
    corpusHash.update(`${loaded.document.file}\0${loaded.document.hash}\0`);
    documents.push(loaded.document);
    for (const p of loaded.passages) passages.push(p);
  }

  if (!documents.length) throw noDocuments(root, files.length, warnings);
  return { root, documents, passages, warnings, hash: corpusHash.digest('hex').slice(0, 12) };
}

export function unreadableFolder(root: string, err: unknown): CorpusError {
  return new CorpusError(`Cannot read the documents folder ${root} (SEEDS_DIR): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
}

export function noDocuments(root: string, files: number, warnings: readonly string[]): CorpusError {
  const why = files ? `none of its ${files} file(s) could be indexed (${warnings.join('; ')})` : `it has no ${DOCUMENT_EXTENSIONS.join(', ')} files`;
  return new CorpusError(`No documents to answer from in ${root} (SEEDS_DIR): ${why}.`);
}

/** One file read on its own: its document and passages, or only warnings when it is skipped. */
export interface LoadedDocument {
  /** Path relative to the documents folder, "/"-separated. */
  rel: string;
  document?: DocumentInfo;
  passages: Passage[];
  warnings: string[];
}

/**
 * Reads one file into its document and passages (the live index re-reads only what changed).
 * Its slug must differ from those in usedSlugs, the slugs of the documents before it in path order.
 */
export async function loadDocument(root: string, file: string, log: Logger, usedSlugs: Set<string> = new Set()): Promise<LoadedDocument> {
  const rel = path.relative(root, file).split(path.sep).join('/');
  const warnings: string[] = [];
  const passages: Passage[] = [];
  const warn = (why: string) => {
    warnings.push(`${rel}: ${why}`);
    log.warn('document skipped or partly read', { file: rel, why });
  };
  const skipped = (why: string): LoadedDocument => {
    warn(why);
    return { rel, passages, warnings };
  };
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_DOCUMENT_BYTES) {
      return skipped(`larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB (${(stat.size / 1024 / 1024).toFixed(1)} MB); skipped`);
    }
    bytes = await fs.readFile(file);
  } catch (err) {
    return skipped(`cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); skipped`);
  }
  const text = decodeText(bytes);
  if (text === undefined) return skipped('looks like a binary file, not text; skipped');
  if (!text.trim()) return skipped('is empty; skipped');
  const { meta, body, problem } = splitFrontMatter(text);
  if (problem) warn(problem.startsWith('front matter') ? problem : `front matter ignored: ${problem}`);
  const parsed = parseMarkdown(body);
  if (!parsed.passages.length) return skipped('has no text to index; skipped');
  const slug = uniqueSlug(documentSlug(rel), usedSlugs);
  const title = stringField(meta.title) ?? parsed.h1 ?? path.basename(rel).replace(/\.[^.]+$/, '');
  const hash = contentHash(bytes);

  const sections = new Map<string, number>();
  const sectionSlugs = new Map<string, string>();
  for (const p of parsed.passages) {
    const section = p.headings.join(SECTION_SEPARATOR);
    const ordinal = (sections.get(section) ?? 0) + 1;
    sections.set(section, ordinal);
    if (!sectionSlugs.has(section)) {
      sectionSlugs.set(section, uniqueSlug(p.headings.map((h) => slugify(h, 4)).join('.'), new Set(sectionSlugs.values())));
    }
    passages.push({ id: `${slug}/${sectionSlugs.get(section)}/${ordinal}`, doc: slug, document: title, section, text: p.text });
  }
  const document: DocumentInfo = {
    slug,
    title,
    file: rel,
    publisher: stringField(meta.publisher),
    year: yearField(meta.year),
    source: stringField(meta.source),
    sections: [...sections].map(([p, n]) => ({ path: p, passages: n })),
    passages: parsed.passages.length,
    hash,
  };
  return { rel, document, passages, warnings };
}

/** A document's slug before collisions are resolved: it depends on its path alone. */
export function documentSlug(rel: string): string {
  return slugify(rel.replace(/\.[^.]+$/, '').replace(/\//g, ' '), 10);
}

/** The content hash a document is known by (DocumentInfo.hash). */
export function contentHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 12);
}

/** Every document file under root, absolute, in path order. */
export async function listDocumentFiles(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && DOCUMENT_EXTENSIONS.includes(path.extname(e.name).toLowerCase()) && !e.name.startsWith('.'))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
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

interface FrontMatter {
  meta: Record<string, unknown>;
  body: string;
  problem?: string;
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** YAML front matter only: never a format that can run code (gray-matter's ---js). */
function splitFrontMatter(text: string): FrontMatter {
  // "---js", "---coffee": front matter in a language that would run. Skipped whole, never run.
  const foreign = /^---([a-z]+)[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/i.exec(text);
  if (foreign) return { meta: {}, body: text.slice(foreign[0].length), problem: `front matter marked ---${foreign[1]} is not YAML; it was skipped, not run` };
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    if (/^---[ \t]*\r?\n/.test(text) && !/^---[ \t]*\r?\n[\s\S]*?\r?\n---/.test(text)) {
      return { meta: {}, body: text.replace(/^---[ \t]*\r?\n/, ''), problem: 'it opens with --- but never closes it' };
    }
    return { meta: {}, body: text };
  }
  const body = text.slice(match[0].length);
  try {
    const meta = parseYaml(match[1]!);
    if (meta === null || meta === undefined) return { meta: {}, body };
    if (typeof meta !== 'object' || Array.isArray(meta)) return { meta: {}, body, problem: 'it is not a set of key: value pairs' };
    return { meta: meta as Record<string, unknown>, body };
  } catch (err) {
    const first = (err as Error).message.split('\n')[0];
    return { meta: {}, body, problem: `invalid YAML (${first})` };
  }
}

function stringField(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

function yearField(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 && n < 10000 ? n : undefined;
}

export function uniqueSlug(base: string, used: Set<string>): string {
  let slug = base;
  for (let i = 2; used.has(slug); i++) slug = `${base}-${i}`;
  used.add(slug);
  return slug;
}
