// Reads every document under the seeds folder into passages, whatever its format (the format
// table in formats.ts). One bad file never stops the rest: it is skipped (or read in part) with
// a warning that names it and says why. PDF, Word and web pages are parsed in a worker thread
// with a time limit, and every parse is cached by content hash.

import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log.js';
import { cacheKey, parseCache, type ParseCache } from './cache.js';
import { DOCUMENT_EXTENSIONS, FORMATS, formatFor, isSidecar, type DocumentFormat, type ParsedFile } from './formats.js';
import { slugify } from './plain.js';
import { sharedReadPool } from './read-pool.js';
import { ReaderError } from './reader-error.js';
import { parseSidecar } from './sidecar.js';
import type { Corpus, DocumentInfo, Passage } from './types.js';

export type { Corpus, DocumentInfo, Passage } from './types.js';
export { DOCUMENT_EXTENSIONS } from './formats.js';

/** The cap for Markdown and text; each format has its own (formats.ts). */
export const MAX_DOCUMENT_BYTES = FORMATS.find((f) => f.name === 'markdown')!.maxBytes;
/** How long one file may take to parse before it is skipped. */
export const READ_TIME_LIMIT_MS = 120_000;
/** Reading that takes longer than this shows progress and logs a summary. */
const SLOW_READ_MS = 2000;
const SECTION_SEPARATOR = ' › ';
const CATALOG_FILE = /\.ya?ml$/i;

export class CorpusError extends Error {
  override name = 'CorpusError';
}

export interface CorpusOptions {
  /** Folder for parsed documents kept between runs (under DATA_DIR); unset keeps them in memory only. */
  cacheDir?: string;
  /** Called after each file once reading has taken more than about two seconds. */
  onProgress?: (read: number, total: number) => void;
  timeLimitMs?: number;
  /** After how long reading counts as slow (progress shown, summary logged at info); default 2 s. */
  slowAfterMs?: number;
  /** Per-format size caps, to override the table's (tests). */
  maxBytes?: Partial<Record<DocumentFormat['name'], number>>;
}

// Files of a kind no reader takes are named once per process, not on every reload.
const reportedUnreadable = new Set<string>();

export async function loadCorpus(root: string, log: Logger, options: CorpusOptions = {}): Promise<Corpus> {
  const started = Date.now();
  const slowAfter = options.slowAfterMs ?? SLOW_READ_MS;
  let files: string[];
  try {
    files = await listFiles(root);
  } catch (err) {
    throw unreadableFolder(root, err);
  }
  const documents: DocumentInfo[] = [];
  const passages: Passage[] = [];
  const warnings: string[] = [];
  const usedSlugs = new Set<string>();
  const corpusHash = createHash('sha256');
  const cache = parseCache(options.cacheDir);
  const fileSet = new Set(files);
  const documentFiles = files.filter(isDocumentFile);
  let pagesRead = 0;
  let read = 0;

  warnings.push(...unknownFormats(root, files, log));

  for (const rel of documentFiles) {
    const loaded = await loadDocument(root, rel, log, usedSlugs, { cache, files: fileSet, options });
    read++;
    if (Date.now() - started > slowAfter) options.onProgress?.(read, documentFiles.length);
    warnings.push(...loaded.warnings);
    if (!loaded.document) continue;
    corpusHash.update(`${rel}\0${loaded.document.hash}\0`);
    pagesRead += loaded.document.pages ?? 0;
    documents.push(loaded.document);
    for (const p of loaded.passages) passages.push(p);
  }
  cache.prune();

  const seconds = (Date.now() - started) / 1000;
  const summary = { files: documentFiles.length, documents: documents.length, pages: pagesRead, passages: passages.length, seconds: Math.round(seconds * 10) / 10 };
  if (seconds * 1000 > slowAfter) log.info('documents read', summary);
  else log.debug('documents read', summary);

  if (!documents.length) throw noDocuments(root, documentFiles.length, warnings);
  return { root, documents, passages, warnings, hash: corpusHash.digest('hex').slice(0, 12) };
}

export function unreadableFolder(root: string, err: unknown): CorpusError {
  return new CorpusError(`Cannot read the documents folder ${root} (SEEDS_DIR): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
}

export function noDocuments(root: string, files: number, warnings: readonly string[]): CorpusError {
  const why = files ? `none of its ${files} document(s) could be indexed (${warnings.join('; ')})` : `it has no ${DOCUMENT_EXTENSIONS.join(', ')} files`;
  return new CorpusError(`No documents to answer from in ${root} (SEEDS_DIR): ${why}.`);
}

/** A file one of the readers takes (not a sidecar, a catalog or anything else). */
export function isDocumentFile(rel: string): boolean {
  return !!formatFor(rel) && !path.basename(rel).startsWith('.');
}

/** One warning per file of a kind no reader takes (logged once per process). */
export function unknownFormats(root: string, files: readonly string[], log: Logger): string[] {
  const warnings: string[] = [];
  for (const rel of files) {
    if (formatFor(rel) || isSidecar(rel) || CATALOG_FILE.test(rel)) continue;
    warnings.push(`${rel}: not a format Policy Desk reads (it reads ${DOCUMENT_EXTENSIONS.join(', ')}); skipped`);
    const key = path.resolve(root, rel);
    if (!reportedUnreadable.has(key)) {
      reportedUnreadable.add(key);
      log.warn('document skipped: not a format Policy Desk reads', { file: rel, formats: DOCUMENT_EXTENSIONS.join(' ') });
    }
  }
  return warnings;
}

/** What reading one file needs besides the file: the parse cache, the folder's files (sidecars), the options. */
export interface DocumentContext {
  cache: ParseCache;
  files: ReadonlySet<string>;
  options: CorpusOptions;
}

/** One file read on its own: its document and passages, or only warnings when it is skipped. */
export interface LoadedDocument {
  /** Path relative to the documents folder, "/"-separated. */
  rel: string;
  /** The parse cache's key for the file as read (see cacheKey), once its bytes were read. */
  parsedAs?: string;
  document?: DocumentInfo;
  passages: Passage[];
  warnings: string[];
}

/**
 * Reads one document file (rel, relative to root) into its document and passages: the live
 * index re-reads only what changed. Its slug must differ from those in usedSlugs (the slugs of
 * the documents before it in path order), and is added to them.
 */
export async function loadDocument(root: string, rel: string, log: Logger, usedSlugs: Set<string>, context: DocumentContext): Promise<LoadedDocument> {
  const { cache, files: fileSet, options } = context;
  const warnings: string[] = [];
  const passages: Passage[] = [];
  let parsedAs: string | undefined;
  const skipped = (): LoadedDocument => ({ rel, passages, warnings, ...(parsedAs ? { parsedAs } : {}) });
  const format = formatFor(rel)!;
  const warn = (why: string) => {
    warnings.push(`${rel}: ${why}`);
    log.warn('document skipped or partly read', { file: rel, why });
  };
  const file = path.join(root, rel);
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    const cap = options.maxBytes?.[format.name] ?? format.maxBytes;
    if (stat.size > cap) {
      warn(`larger than ${size(cap)}, the limit for ${format.label} files (${size(stat.size)}); skipped`);
      return skipped();
    }
    bytes = await fs.readFile(file);
  } catch (err) {
    warn(`cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); skipped`);
    return skipped();
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  parsedAs = cacheKey(format.name, hash);
  let parsed = cache.get(format.name, hash);
  const wrongKind = parsed ? undefined : format.sniff?.(bytes);
  if (wrongKind) {
    warn(wrongKind);
    return skipped();
  }
  if (!parsed) {
    try {
      parsed = format.inWorker ? await sharedReadPool().read(format.name, bytes, options.timeLimitMs ?? READ_TIME_LIMIT_MS) : await format.read(bytes);
      cache.set(format.name, hash, parsed);
    } catch (err) {
      if (!(err instanceof ReaderError)) log.error('reader failed', { file: rel, format: format.name, err });
      const why = err instanceof ReaderError ? err.message : `could not be read (${(err as Error).message.split('\n')[0]}); skipped`;
      // A file that cannot be read stays unreadable until it changes: remember why.
      if (err instanceof ReaderError && !err.transient) cache.set(format.name, hash, { meta: {}, passages: [], problems: [], failure: why });
      warn(why);
      return skipped();
    }
  }
  if (parsed.failure) {
    warn(parsed.failure);
    return skipped();
  }
  for (const problem of parsed.problems) warn(problem);
  if (!parsed.passages.length) {
    warn('has no text to index; skipped');
    return skipped();
  }

  // Metadata the file gets wrong, from its sidecar ("report.pdf.yaml").
  const sidecarFile = [`${rel}.yaml`, `${rel}.yml`].find((s) => fileSet.has(s));
  let sidecarMeta: ParsedFile['meta'] = {};
  let sidecarHash = '';
  if (sidecarFile) {
    try {
      const text = await fs.readFile(path.join(root, sidecarFile), 'utf8');
      sidecarHash = createHash('sha256').update(text).digest('hex');
      const result = parseSidecar(text, sidecarFile);
      sidecarMeta = result.meta;
      for (const p of result.problems) {
        warnings.push(p);
        log.warn('sidecar metadata not used', { file: sidecarFile, why: p });
      }
    } catch (err) {
      warn(`its sidecar ${sidecarFile} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }

  const slug = uniqueSlug(documentSlug(rel), usedSlugs);
  const title = sidecarMeta.title ?? parsed.meta.title ?? parsed.h1 ?? path.basename(rel).replace(/\.[^.]+$/, '');
  const fileHash = createHash('sha256').update(hash).update(sidecarHash).digest('hex').slice(0, 12);

  const sections = new Map<string, number>();
  const sectionSlugs = new Map<string, string>();
  for (const p of parsed.passages) {
    const section = p.headings.join(SECTION_SEPARATOR);
    const ordinal = (sections.get(section) ?? 0) + 1;
    sections.set(section, ordinal);
    if (!sectionSlugs.has(section)) {
      sectionSlugs.set(section, uniqueSlug(p.headings.map((h) => slugify(h, 4)).join('.'), new Set(sectionSlugs.values())));
    }
    const passage: Passage = { id: `${slug}/${sectionSlugs.get(section)}/${ordinal}`, doc: slug, document: title, section, text: p.text };
    if (p.page) passage.page = p.page;
    passages.push(passage);
  }
  const document: DocumentInfo = {
    slug,
    title,
    file: rel,
    publisher: sidecarMeta.publisher ?? parsed.meta.publisher,
    year: sidecarMeta.year ?? parsed.meta.year,
    source: sidecarMeta.source ?? parsed.meta.source,
    sections: [...sections].map(([p, n]) => ({ path: p, passages: n })),
    passages: parsed.passages.length,
    hash: fileHash,
    format: format.name,
    ...(parsed.pages ? { pages: parsed.pages } : {}),
  };
  return { rel, parsedAs, document, passages, warnings };
}

/** A document's slug before clashes are resolved: it depends on its path alone. */
export function documentSlug(rel: string): string {
  return slugify(rel.replace(/\.[^.]+$/, '').replace(/\//g, ' '), 10);
}

/** Every file under the folder, relative and "/"-separated, sorted; hidden files and folders left out. */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).split(path.sep).join('/'))
    .filter((rel) => !rel.split('/').some((part) => part.startsWith('.')))
    .sort();
}

function size(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1 ? `${mb.toFixed(1).replace(/\.0$/, '')} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export function uniqueSlug(base: string, used: Set<string>): string {
  let slug = base;
  for (let i = 2; used.has(slug); i++) slug = `${base}-${i}`;
  used.add(slug);
  return slug;
}
