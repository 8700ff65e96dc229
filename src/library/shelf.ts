// The live library: the documents folder as it is indexed now, kept up to date one document at
// a time. A sync compares the folder with what is indexed (size and time, then content hash),
// re-reads only the files that changed, and swaps their passages into the live index between
// questions (see gate.ts); a catalog change re-tags only the passages whose tags it changes.
// Each swap publishes a new Library whose edition names exactly what is indexed then.
//
// Work is cut into steps of a bounded size with the event loop free in between, so
// acknowledgements never wait long, however many documents change at once. The index is saved
// to disk (snapshot.ts) once the documents have been quiet for a moment.

import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Library, ReloadResult } from './library.js';
import type { Logger } from '../log.js';
import { documentSlug, isDocumentFile, listFiles, loadDocument, noDocuments, uniqueSlug, unknownFormats, unreadableFolder, type Corpus, type CorpusOptions, type DocumentContext, type LoadedDocument, type Passage } from '../corpus/load.js';
import { forgetParsedInMemory, parseCache } from '../corpus/cache.js';
import { formatFor } from '../corpus/formats.js';
import { CatalogError, loadCatalog, type Catalog } from '../catalog/load.js';
import { deriveEntries, withDerivedEntries } from '../catalog/derive.js';
import { buildIndex, indexKey, passageTagger, type LiveIndex } from '../search/index.js';
import { tagText } from '../search/incremental.js';
import { EditionGate } from './gate.js';
import { derivationKey, readSnapshot, writeSnapshot, type ShelvedFile } from './snapshot.js';

export interface ShelfOptions {
  root: string;
  log: Logger;
  now?: () => Date;
  /** Folder for the index snapshot (DATA_DIR); unset keeps none. */
  dataDir?: string;
  /** How documents are read: the parse cache, progress on the first read, limits. */
  corpus?: CorpusOptions;
  /** Quiet time after a change before the snapshot is written. */
  snapshotDelayMs?: number;
}

/** Passages swapped in per step: about a tenth of a second of indexing. */
const STEP_PASSAGES = 1_000;
/** Longest stretch of re-tagging between two looks at the event loop. */
const SLICE_MS = 30;
/** Files hashed at once when checking the folder. */
const HASH_CONCURRENCY = 16;
/**
 * File times can be coarse (a second or two on some file systems): a file written this close
 * to the previous check may have changed again without its time moving, so it is hashed anyway.
 */
const RACY_MS = 2_500;

export class Shelf {
  readonly gate = new EditionGate();
  current!: Library;
  private readonly files = new Map<string, ShelvedFile>();
  private index!: LiveIndex;
  /** The catalog in effect: the catalog files' entries and those derived from the documents. */
  private catalog!: Catalog;
  private catalogKey = '';
  /** The catalog files' entries alone. */
  private fileCatalog!: Catalog;
  private readonly key = derivationKey(indexKey());
  private readonly now: () => Date;
  private queued: Promise<ReloadResult> | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private snapshotTimer: NodeJS.Timeout | undefined;
  private snapshotWrite: Promise<void> | undefined;
  private closed = false;
  private lastCheck = 0;
  /** Warnings for files no reader takes, from the latest listing. */
  private unknown: string[] = [];
  private readonly cache: DocumentContext['cache'];

  private constructor(private readonly options: ShelfOptions) {
    this.now = options.now ?? (() => new Date());
    // One cache for the life of the library, pruned after a sync that changed something to the
    // parses the files of the folder use (see pruneCache).
    this.cache = parseCache(options.corpus?.cacheDir);
  }

  /** Opens the library: from the snapshot when one fits, then brought up to date with the folder. Throws start-up problems. */
  static async open(options: ShelfOptions): Promise<Shelf> {
    const shelf = new Shelf(options);
    await shelf.start();
    return shelf;
  }

  /** Brings the index up to date with the folder. Calls made while one is waiting share it. Never throws. */
  sync(): Promise<ReloadResult> {
    if (this.queued) return this.queued;
    const next = this.running.then(() => {
      this.queued = undefined;
      return this.syncNow(false).catch((err: Error) => {
        // No documents at all, or an unreadable folder: keep answering from what we have.
        this.options.log.error('reload failed; still answering from the previous edition', { edition: this.current.edition.hash, err: err.message });
        return this.summary(false, [err.message]);
      });
    });
    this.queued = next;
    this.running = next;
    return next;
  }

  /** Resolves once pending updates are in and the snapshot, if one is due, is written. */
  async idle(): Promise<void> {
    await this.running;
    while (this.snapshotTimer || this.snapshotWrite) {
      if (this.snapshotTimer) {
        clearTimeout(this.snapshotTimer);
        this.snapshotTimer = undefined;
        this.saveSnapshot();
      }
      await this.snapshotWrite;
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.snapshotTimer);
  }

  private async start(): Promise<void> {
    const { root, log, dataDir } = this.options;
    const catalog = await loadCatalog(root, log);
    const restored = dataDir ? await this.restore(dataDir, catalog) : false;
    this.fileCatalog = catalog;
    if (!restored) {
      this.catalog = catalog;
      this.catalogKey = catalogKeyOf(catalog);
      this.index = buildIndex([], { catalog });
    }
    this.publish([]);
    const result = await this.syncNow(true, catalog);
    // The passages now live in the index: a second copy of every parsed file in memory would only
    // help if a file came back to content already read (the copies on disk stay for restarts).
    forgetParsedInMemory();
    log.info(restored ? 'index restored from the snapshot' : 'index built', { documents: result.documents, passages: result.passages, changedSinceSnapshot: restored ? result.changed : undefined });
    if (!restored || result.changed) this.saveSnapshot();
  }

  /** Loads the snapshot into the index; false (and nothing kept) when it is missing, damaged or stale. */
  private async restore(dir: string, catalog: Catalog): Promise<boolean> {
    const started = Date.now();
    const read = await readSnapshot(dir, this.key);
    if (!read.snapshot) {
      this.options.log.info('index snapshot not used; building the index', { why: read.why });
      return false;
    }
    try {
      const { files, contents, postings, catalogKey } = read.snapshot;
      const passages: Passage[] = [];
      for (const f of files) for (const p of f.loaded.passages) passages.push(p);
      this.index = buildIndex(passages, { catalog }, { ...contents, postings });
      for (const f of files) this.files.set(f.rel, f);
      // The passages keep the tags of the catalog they were saved with until the first sync re-tags them.
      this.catalog = catalog;
      this.catalogKey = catalogKey;
      this.options.log.debug('index snapshot read', { passages: passages.length, ms: Date.now() - started });
      return true;
    } catch (err) {
      this.files.clear();
      this.options.log.warn('index snapshot unusable; building the index', { why: (err as Error).message });
      return false;
    }
  }

  /**
   * Drops parsed copies no file of the folder uses any more (the old parse of an edited or
   * deleted file), so the cache under DATA_DIR does not grow with every edit. Kept: the parses of
   * the indexed files and of every file read in this pass (a broken file's remembered failure too).
   */
  private pruneCache(readNow: readonly (string | undefined)[]): void {
    const keep = new Set<string>();
    for (const f of this.files.values()) {
      // Restored from a snapshot written before parses were keyed: which entries are used is unknown.
      if (!f.loaded.parsedAs) return;
      keep.add(f.loaded.parsedAs);
    }
    for (const k of readNow) if (k) keep.add(k);
    this.cache.prune(keep);
  }

  /**
   * One pass over the folder. verify hashes every file (at start-up: times can lie); otherwise
   * files whose size and time are unchanged are taken as unchanged.
   */
  private async syncNow(verify: boolean, startupCatalog?: Catalog): Promise<ReloadResult> {
    const { root, log } = this.options;
    const started = Date.now();
    const before = this.current.edition.hash;
    const problems: string[] = [];

    let catalog = startupCatalog ?? this.fileCatalog;
    if (!startupCatalog) {
      try {
        catalog = await loadCatalog(root, log);
      } catch (err) {
        if (!(err instanceof CatalogError)) throw err;
        log.warn('catalog not reloaded; keeping the previous one', { problems: err.problems });
        problems.push(...err.problems.map((p) => `catalog kept as it was: ${p}`));
      }
    }
    this.fileCatalog = catalog;
    // A cold start reads everything first, so that passages are tagged once, with the derived entries too.
    const cold = !!startupCatalog && this.index.size === 0;

    let all: string[];
    try {
      all = await listFiles(root);
    } catch (err) {
      throw unreadableFolder(root, err);
    }
    const listed = all.filter(isDocumentFile);
    if (!listed.length) throw noDocuments(root, 0, []);
    const files = new Set(all);
    const changed = await this.changedFiles(listed, files, verify);
    const present = new Set(listed);
    const leaving: (ShelvedFile | string)[] = [...this.files.keys()].filter((rel) => !present.has(rel));
    const unknown = unknownFormats(root, all, log);
    const context: DocumentContext = { cache: this.cache, files, options: this.options.corpus ?? {} };
    const progress = this.options.corpus?.onProgress;

    let batch: ShelvedFile[] = [];
    let size = 0;
    const slugs = new Set([...this.files.values()].flatMap((f) => (f.loaded.document ? [f.loaded.document.slug] : [])));
    let read = 0;
    const readNow: (string | undefined)[] = [];
    for (const file of changed) {
      const old = this.files.get(file.rel)?.loaded.document?.slug;
      if (old) slugs.delete(old);
      const loaded = await loadDocument(root, file.rel, log, slugs, context);
      readNow.push(loaded.parsedAs);
      // Progress is for the first read only (on a reload it would write over the chat prompt).
      read++;
      if (startupCatalog && progress && Date.now() - started > (this.options.corpus?.slowAfterMs ?? 2_000)) progress(read, changed.length);
      const shelved = { ...file, loaded };
      if (!loaded.document) {
        // Taken out at the end, unless that would leave no documents at all.
        if (old) slugs.add(old);
        leaving.push(shelved);
        continue;
      }
      batch.push(shelved);
      size += loaded.passages.length;
      if (size >= STEP_PASSAGES && !cold) {
        await this.swap(batch, []);
        batch = [];
        size = 0;
      }
    }
    const indexed = new Set([...this.files.values()].filter((f) => f.loaded.document).map((f) => f.rel));
    for (const f of batch) indexed.add(f.rel);
    for (const f of leaving) indexed.delete(typeof f === 'string' ? f : f.rel);
    if (!indexed.size) {
      // Never swap every document out: keep answering from the previous edition, and say why.
      const none = noDocuments(root, listed.length, [...unknown, ...leaving.flatMap((f) => (typeof f === 'string' ? [] : f.loaded.warnings))]);
      if (startupCatalog) throw none;
      problems.push(none.message);
      leaving.length = 0;
    }
    const unknownChanged = unknown.join('\n') !== this.unknown.join('\n');
    this.unknown = unknown;
    if (cold) {
      const documents = batch.map((f) => f.loaded.document!);
      const effective = withDerivedEntries(catalog, deriveEntries({ documents, passages: batch.flatMap((f) => f.loaded.passages) }));
      this.index.setCatalog(effective);
      this.catalog = effective;
      this.catalogKey = catalogKeyOf(effective);
    }
    const touched = batch.length > 0 || leaving.length > 0;
    if (touched || unknownChanged || this.misnamed().length) await this.swap(batch, leaving);
    if (touched) this.pruneCache(readNow);
    // Entries the documents name themselves (instrument citations, defined acronyms) join the catalog's.
    await this.takeCatalog(withDerivedEntries(catalog, deriveEntries(this.current.corpus)));

    const changedEdition = this.current.edition.hash !== before;
    this.current = { ...this.current, problems };
    if (!startupCatalog) {
      const all = [...this.current.corpus.warnings, ...problems];
      log.info('documents reloaded', { changed: changedEdition, edition: this.current.edition.hash, passages: this.current.corpus.passages.length, files: changed.length, problems: all.length, ms: Date.now() - started });
      if (changedEdition) this.scheduleSnapshot();
    }
    return this.summary(changedEdition, problems);
  }

  /** Document files that are new, or whose content (or sidecar) changed since they were read. */
  private async changedFiles(listed: readonly string[], files: ReadonlySet<string>, verify: boolean): Promise<Omit<ShelvedFile, 'loaded'>[]> {
    const { root } = this.options;
    const racy = this.lastCheck - RACY_MS;
    this.lastCheck = Date.now();
    const out: (Omit<ShelvedFile, 'loaded'> | undefined)[] = new Array(listed.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < listed.length; i = next++) {
        const rel = listed[i]!;
        // A document's metadata may come from its sidecar ("report.pdf.yaml"): it counts as part of it.
        const parts = [rel, ...[`${rel}.yaml`, `${rel}.yml`].filter((s) => files.has(s))];
        const stats = await Promise.all(parts.map((f) => fsp.stat(path.join(root, f)).catch(() => undefined)));
        // A file that vanished since the listing is re-read (and reported) like any other.
        const stamp = parts.map((f, k) => `${f}:${stats[k]?.size ?? -1}:${stats[k]?.mtimeMs ?? -1}`).join('|');
        const mtimeMs = Math.max(...stats.map((st) => st?.mtimeMs ?? -1));
        const known = this.files.get(rel);
        if (!verify && known && known.stamp === stamp && mtimeMs < racy) continue;
        const hash = (await Promise.all(parts.map((f, k) => fileHash(path.join(root, f), stats[k]?.size ?? -1, formatFor(f)?.maxBytes)))).join('|');
        if (known && known.hash === hash) {
          known.stamp = stamp;
          known.mtimeMs = mtimeMs;
          continue;
        }
        out[i] = { rel, stamp, mtimeMs, hash };
      }
    };
    await Promise.all(Array.from({ length: HASH_CONCURRENCY }, worker));
    return out.filter((f) => f !== undefined);
  }

  /** Switches to a catalog: when its entries differ, re-tags the passages they change, in slices. */
  private async takeCatalog(catalog: Catalog): Promise<void> {
    const key = catalogKeyOf(catalog);
    if (key === this.catalogKey) {
      if (catalog !== this.catalog) {
        await this.gate.write(() => {
          this.index.setCatalog(catalog);
          this.catalog = catalog;
          this.publish(this.current.problems);
        });
      }
      return;
    }
    const tagger = passageTagger(catalog);
    const { contents } = this.index;
    const changes = new Map<string, string[]>();
    let slice = performance.now();
    for (const [id, p] of contents.passages) {
      const tags = tagger ? tagger(tagText(p)) : [];
      const old = contents.tags.get(id) ?? [];
      if (tags.length !== old.length || tags.some((t, i) => t !== old[i])) changes.set(id, tags);
      if (performance.now() - slice > SLICE_MS) {
        await yieldToEvents();
        slice = performance.now();
      }
    }
    await this.write(() => {
      this.index.setCatalog(catalog);
      contents.retag(changes);
      this.catalog = catalog;
      this.catalogKey = key;
      this.publish(this.current.problems);
    });
    this.options.log.debug('passages re-tagged for the new catalog', { passages: changes.size });
  }

  /** One step: documents in (replacing what they were), documents out, slugs put right. */
  private swap(incoming: readonly ShelvedFile[], leaving: readonly (ShelvedFile | string)[]): Promise<void> {
    return this.write(() => {
      const { contents } = this.index;
      for (const f of incoming) {
        const old = this.files.get(f.rel);
        if (old?.loaded.document) contents.remove(old.loaded.passages);
        contents.add(f.loaded.passages);
        this.files.set(f.rel, f);
      }
      for (const f of leaving) {
        const rel = typeof f === 'string' ? f : f.rel;
        const old = this.files.get(rel);
        if (old?.loaded.document) contents.remove(old.loaded.passages);
        if (typeof f === 'string') this.files.delete(rel);
        else this.files.set(rel, f);
      }
      // A slug depends on the documents before it (a clash gets "-2"): make them what a fresh read gives.
      const misnamed = this.misnamed();
      for (const [f] of misnamed) contents.remove(f.loaded.passages);
      for (const [f, slug] of misnamed) {
        const loaded = renamed(f.loaded, slug);
        contents.add(loaded.passages);
        this.files.set(f.rel, { ...f, loaded });
      }
      this.publish(this.current.problems);
    });
  }

  private async write(change: () => void): Promise<void> {
    const drained = await this.gate.write(change);
    if (!drained) this.options.log.warn('a question took too long; the documents changed while it was answered');
  }

  /** Documents whose slug is not the one a fresh read of the folder would give them. */
  private misnamed(): [ShelvedFile, string][] {
    const used = new Set<string>();
    const out: [ShelvedFile, string][] = [];
    for (const f of this.sorted()) {
      if (!f.loaded.document) continue;
      const slug = uniqueSlug(documentSlug(f.rel), used);
      if (slug !== f.loaded.document.slug) out.push([f, slug]);
    }
    return out;
  }

  private sorted(): ShelvedFile[] {
    return [...this.files.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  }

  /** Makes the indexed state the current Library: the corpus in path order, as loadCorpus reads it. */
  private publish(problems: string[]): void {
    const documents = [];
    const passages: Passage[] = [];
    const warnings: string[] = [];
    const corpusHash = createHash('sha256');
    warnings.push(...this.unknown);
    for (const f of this.sorted()) {
      warnings.push(...f.loaded.warnings);
      const doc = f.loaded.document;
      if (!doc) continue;
      corpusHash.update(`${doc.file}\0${doc.hash}\0`);
      documents.push(doc);
      for (const p of f.loaded.passages) passages.push(p);
    }
    const corpus: Corpus = { root: this.options.root, documents, passages, warnings, hash: corpusHash.digest('hex').slice(0, 12) };
    const hash = editionHash(corpus.hash, this.catalog);
    const edition = this.current?.edition.hash === hash ? this.current.edition : { hash, indexedAt: this.now().toISOString() };
    this.current = { corpus, catalog: this.catalog, index: this.index, edition, problems };
  }

  private summary(changed: boolean, problems: string[]): ReloadResult {
    const { corpus, edition } = this.current;
    return { changed, edition, documents: corpus.documents.length, passages: corpus.passages.length, problems: [...corpus.warnings, ...problems] };
  }

  private scheduleSnapshot(): void {
    if (!this.options.dataDir || this.closed) return;
    clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      this.saveSnapshot();
    }, this.options.snapshotDelayMs ?? 2_000);
    this.snapshotTimer.unref();
  }

  /** Writes the snapshot in the background; tries again later if the index changed meanwhile. */
  private saveSnapshot(): void {
    const dir = this.options.dataDir;
    if (!dir || this.closed) return;
    if (this.snapshotWrite) {
      this.scheduleSnapshot();
      return;
    }
    const started = Date.now();
    const { contents } = this.index;
    const source = { key: this.key, catalogKey: this.catalogKey, files: this.sorted(), contents: () => contents.json(), postings: () => contents.postings(), generation: () => contents.generation };
    this.snapshotWrite = writeSnapshot(dir, source, () => this.closed)
      .then((written) => {
        if (written) this.options.log.debug('index snapshot written', { dir, ms: Date.now() - started });
        else this.scheduleSnapshot();
      })
      .catch((err: Error) => this.options.log.warn('index snapshot not written; the next start builds the index again', { dir, err: err.message }))
      .finally(() => (this.snapshotWrite = undefined));
  }
}

/** The edition covers the catalog too: a changed alias can change which passage answers. */
export function editionHash(corpusHash: string, catalog: Catalog): string {
  return createHash('sha256').update(corpusHash).update(JSON.stringify(catalog.entries)).digest('hex').slice(0, 12);
}

function catalogKeyOf(catalog: Catalog): string {
  return createHash('sha256').update(JSON.stringify(catalog.entries)).digest('hex').slice(0, 16);
}

/** The same document under another slug: its passage ids move with it. */
function renamed(loaded: LoadedDocument, slug: string): LoadedDocument {
  const from = loaded.document!.slug;
  const passages = loaded.passages.map((p) => ({ ...p, doc: slug, id: slug + p.id.slice(from.length) }));
  return { ...loaded, document: { ...loaded.document!, slug }, passages };
}

async function fileHash(file: string, size: number, maxBytes = Infinity): Promise<string> {
  // Too large to index anyway: the loader says so without reading it.
  if (size > maxBytes || size < 0) return `unread:${size}`;
  try {
    return createHash('sha256').update(await fsp.readFile(file)).digest('hex').slice(0, 16);
  } catch (err) {
    return `unreadable:${(err as NodeJS.ErrnoException).code ?? ''}`;
  }
}

function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
