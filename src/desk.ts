// The core: a Desk is the loaded corpus, its index, the command table and the store,
// behind one function, handle(incoming) → Reply. Adapters call nothing else to answer.

import { createHash } from 'node:crypto';
import path from 'node:path';
import type { CommandSpec, Edition, Incoming, Reply } from './types.js';
import type { DigestConfig } from './config.js';
import { apology, newErrorId } from './errors.js';
import { silentLogger, type Logger } from './log.js';
import { openStore, type Store } from './store.js';
import { watchStoreWrites, type StoreWrites } from './store-health.js';
import { loadCorpus, type Corpus, type CorpusOptions } from './corpus/load.js';
import { CatalogError, loadCatalog, type Catalog } from './catalog/load.js';
import { buildIndex, type PassageIndex } from './search/index.js';
import { deriveEntries, withDerivedEntries } from './catalog/derive.js';
import { COMMANDS, runMessage, type CommandContext } from './commands/table.js';
import { feedbackReply } from './commands/feedback.js';
import { shareReply } from './commands/share.js';
import type { Library, ReloadResult } from './library/library.js';

export interface DeskOptions {
  /** Folder of documents (and catalog files) to index. */
  seedsDir: string;
  /** Folder for the SQLite store (ignored when store is given) and parsed documents; ":memory:" keeps neither. */
  dataDir?: string;
  /** Progress while reading documents is slow (the terminal shows it). */
  onReadProgress?: CorpusOptions['onProgress'];
  store?: Store;
  log?: Logger;
  /** The clock, so tests and the digest can control time. */
  now?: () => Date;
  digest?: Pick<DigestConfig, 'timezone'>;
}

export interface Desk {
  handle(incoming: Incoming): Promise<Reply>;
  readonly commands: readonly CommandSpec[];
  readonly store: Store;
  /** How writes to the store are going (a full disk does not stop answers, but health says so). */
  readonly storeWrites: StoreWrites;
  readonly log: Logger;
  /**
   * True the first time a delivery key is claimed, false for a redelivery: platforms redeliver
   * (retries, resumes) and each event must be answered once.
   */
  claimDelivery(key: string): Promise<boolean>;
  /** What is indexed now. */
  stats(): { documents: number; passages: number; edition: Edition };
  /** The live corpus, catalog and index (swapped whole on reload). */
  library(): Library;
  /**
   * Re-reads the documents folder and swaps the new index in whole once it is built;
   * questions asked meanwhile are answered from the old one. Never throws.
   */
  reload(): Promise<ReloadResult>;
  close(): void;
}

export type { Library, ReloadResult } from './library/library.js';

/** Loads the documents and opens the store. Throws (once, clearly) on start-up problems. */
export async function openDesk(options: DeskOptions): Promise<Desk> {
  const log = options.log ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const corpus = corpusOptions(options);
  const library = await buildLibrary(options.seedsDir, log, now, undefined, corpus);
  const store = options.store ?? openStore(options.dataDir ?? ':memory:');
  // Progress is for the first read only: on a reload it would write over the chat prompt.
  return createDesk(library, { store, log, now, seedsDir: options.seedsDir, digest: options.digest, corpus: { ...corpus, onProgress: undefined } });
}

/** A desk over a library already built (the benchmark builds synthetic ones). */
export function createDesk(
  library: Library,
  deps: { store: Store; log?: Logger; now?: () => Date; seedsDir?: string; digest?: Pick<DigestConfig, 'timezone'>; corpus?: CorpusOptions },
): Desk {
  const { store, seedsDir } = deps;
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  let current = library;
  // Reloads run one after another: a burst of file events must not build two indexes at once.
  let reloads: Promise<ReloadResult> = Promise.resolve(summary(current, false, []));

  const reload = (): Promise<ReloadResult> => {
    reloads = reloads.then(async () => {
      if (!seedsDir) return summary(current, false, ['This desk was not opened from a documents folder.']);
      const started = Date.now();
      try {
        const next = await buildLibrary(seedsDir, log, now, current.catalog, deps.corpus);
        const changed = next.edition.hash !== current.edition.hash;
        if (changed) current = next;
        const problems = [...next.corpus.warnings, ...next.problems];
        log.info('documents reloaded', { changed, edition: current.edition.hash, passages: current.corpus.passages.length, problems: problems.length, ms: Date.now() - started });
        return summary(current, changed, problems);
      } catch (err) {
        // No documents at all, or an unreadable folder: keep answering from what we have.
        log.error('reload failed; still answering from the previous edition', { edition: current.edition.hash, err: (err as Error).message });
        return summary(current, false, [(err as Error).message]);
      }
    });
    return reloads;
  };

  const storeWrites = watchStoreWrites(now);
  const context = (): CommandContext => ({ library: current, store, log, now, reload, digest: deps.digest, storeWrites });

  const handle = async (incoming: Incoming): Promise<Reply> => {
    const started = performance.now();
    try {
      const reply = withEdition(await dispatch(incoming, context()), current.edition);
      if (incoming.type === 'message') {
        log.info('question', { platform: incoming.platform, kind: reply.kind, answered: reply.answered, ms: Math.round((performance.now() - started) * 10) / 10 });
        log.debug('question text', { platform: incoming.platform, text: incoming.text });
      }
      return reply;
    } catch (err) {
      const errorId = newErrorId();
      log.error('handler failed', { errorId, platform: incoming.platform, err });
      return apology(errorId);
    }
  };

  return {
    handle,
    commands: COMMANDS,
    store,
    storeWrites,
    log,
    claimDelivery: async (key) => {
      try {
        return store.claimEvent(key, now());
      } catch (err) {
        storeWrites.failed(err);
        throw err;
      }
    },
    stats: () => ({ documents: current.corpus.documents.length, passages: current.corpus.passages.length, edition: current.edition }),
    library: () => current,
    reload,
    close: () => store.close(),
  };
}

/**
 * Reads the documents and the catalog and builds the index. At start-up a broken catalog is an
 * error; on reload (previousCatalog given) the previous catalog is kept and the documents land.
 */
export async function buildLibrary(seedsDir: string, log: Logger, now: () => Date = () => new Date(), previousCatalog?: Catalog, corpusOptions?: CorpusOptions): Promise<Library> {
  const corpus = await loadCorpus(seedsDir, log, corpusOptions);
  const problems: string[] = [];
  let catalog: Catalog;
  try {
    catalog = await loadCatalog(seedsDir, log);
  } catch (err) {
    if (!previousCatalog || !(err instanceof CatalogError)) throw err;
    log.warn('catalog not reloaded; keeping the previous one', { problems: err.problems });
    problems.push(...err.problems.map((p) => `catalog kept as it was: ${p}`));
    catalog = previousCatalog;
  }
  // Entries the documents name themselves (instrument citations, defined acronyms) join the catalog's.
  catalog = withDerivedEntries(catalog, deriveEntries(corpus));
  const index = buildIndex(corpus.passages, { catalog });
  // The edition covers the catalog too: a changed alias can change which passage answers.
  const hash = createHash('sha256').update(corpus.hash).update(JSON.stringify(catalog.entries)).digest('hex').slice(0, 12);
  return { corpus, catalog, index, edition: { hash, indexedAt: now().toISOString() }, problems };
}

/** Parsed documents are cached next to the store, so a restart never parses an unchanged file again. */
function corpusOptions(options: DeskOptions): CorpusOptions {
  const keep = options.dataDir && options.dataDir !== ':memory:';
  return { cacheDir: keep ? path.join(options.dataDir!, 'parsed') : undefined, onProgress: options.onReadProgress };
}

function summary(library: Library, changed: boolean, problems: string[]): ReloadResult {
  return { changed, edition: library.edition, documents: library.corpus.documents.length, passages: library.corpus.passages.length, problems };
}

async function dispatch(incoming: Incoming, ctx: CommandContext): Promise<Reply> {
  switch (incoming.type) {
    case 'message':
      return runMessage(incoming, ctx);
    case 'feedback':
      return feedbackReply(incoming, ctx);
    case 'share':
      return shareReply(incoming, ctx);
  }
}

function withEdition(reply: Reply, edition: Edition): Reply {
  return reply.edition ? reply : { ...reply, edition };
}
