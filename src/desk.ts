// The core: a Desk is the loaded corpus, its index, the command table and the store,
// behind one function, handle(incoming) → Reply. Adapters call nothing else to answer.

import path from 'node:path';
import type { CommandSpec, Edition, Incoming, Reply } from './types.js';
import type { DigestConfig } from './config.js';
import { apology, newErrorId } from './errors.js';
import { notice } from './reply.js';
import { silentLogger, type Logger } from './log.js';
import { openStore, type Store } from './store.js';
import { StoreUnavailableError } from './store/resilient.js';
import { loadCorpus, type CorpusOptions } from './corpus/load.js';
import { CatalogError, loadCatalog, type Catalog } from './catalog/load.js';
import { buildIndex } from './search/index.js';
import { deriveEntries, withDerivedEntries } from './catalog/derive.js';
import { COMMANDS, runMessage, type CommandContext } from './commands/table.js';
import { feedbackReply } from './commands/feedback.js';
import { shareReply } from './commands/share.js';
import type { Library, ReloadResult } from './library/library.js';
import { editionHash, Shelf } from './library/shelf.js';
import { questionLimit } from './rate-limit.js';

export interface DeskOptions {
  /** Folder of documents (and catalog files) to index. */
  seedsDir: string;
  /** Folder for the SQLite store (ignored when store is given), parsed documents and the saved index; ":memory:" keeps none. */
  dataDir?: string;
  /** postgres://… : the shared PostgreSQL store instead. Ignored when store is given. */
  databaseUrl?: string;
  /** Progress while reading documents is slow (the terminal shows it). */
  onReadProgress?: CorpusOptions['onProgress'];
  store?: Store;
  log?: Logger;
  /** The clock, so tests and the digest can control time. */
  now?: () => Date;
  digest?: Pick<DigestConfig, 'timezone'>;
  /** Questions one person may ask per minute on a chat platform; unset or 0: no limit. */
  rateLimitPerMinute?: number;
}

export interface Desk {
  handle(incoming: Incoming): Promise<Reply>;
  readonly commands: readonly CommandSpec[];
  readonly store: Store;
  readonly log: Logger;
  /**
   * True the first time a delivery key is claimed, false for a redelivery: platforms redeliver
   * (retries, resumes) and each event must be answered once.
   */
  claimDelivery(key: string): Promise<boolean>;
  /** What is indexed now. */
  stats(): { documents: number; passages: number; edition: Edition };
  /** The live corpus, catalog and index: a new Library for every edition (the index itself is updated in place). */
  library(): Library;
  /**
   * Re-reads what changed in the documents folder and swaps it into the index one document at
   * a time, between questions; each question is answered from one edition. Never throws.
   */
  reload(): Promise<ReloadResult>;
  /** Resolves once pending updates are in and the index snapshot, if due, is written. */
  idle(): Promise<void>;
  close(): void;
}

export type { Library, ReloadResult } from './library/library.js';

/** Loads the documents and opens the store. Throws (once, clearly) on start-up problems. */
export async function openDesk(options: DeskOptions): Promise<Desk> {
  const log = options.log ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const corpus = corpusOptions(options);
  const keep = options.dataDir && options.dataDir !== ':memory:';
  const shelf = await Shelf.open({ root: options.seedsDir, log, now, dataDir: keep ? options.dataDir : undefined, corpus });
  const store = options.store ?? (await openStore({ dataDir: options.dataDir ?? ':memory:', databaseUrl: options.databaseUrl, log }));
  return createDesk(shelf.current, { store, log, now, shelf, digest: options.digest, rateLimitPerMinute: options.rateLimitPerMinute });
}

/** A desk over a library already built (the benchmark builds synthetic ones). */
export function createDesk(
  library: Library,
  deps: { store: Store; log?: Logger; now?: () => Date; shelf?: Shelf; digest?: Pick<DigestConfig, 'timezone'>; rateLimitPerMinute?: number },
): Desk {
  const { store, shelf } = deps;
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  const live = (): Library => shelf?.current ?? library;
  const overLimit = questionLimit(deps.rateLimitPerMinute, log);

  const reload = async (): Promise<ReloadResult> => (shelf ? shelf.sync() : summary(library, false, ['This desk was not opened from a documents folder.']));
  // The reload command waits for the update it asked for: it must not hold back the swap itself.
  const reloadFromQuestion = async (): Promise<ReloadResult> => {
    shelf?.gate.leave();
    try {
      return await reload();
    } finally {
      await shelf?.gate.enter();
    }
  };

  const handle = async (incoming: Incoming): Promise<Reply> => {
    const started = performance.now();
    // One edition from start to end: updates wait until no question is being answered.
    await shelf?.gate.enter();
    const current = live();
    try {
      const note = overLimit(incoming, now());
      if (note) return note;
      const context: CommandContext = { library: current, store, log, now, reload: reloadFromQuestion, digest: deps.digest };
      const reply = withEdition(await dispatch(incoming, context), current.edition);
      if (incoming.type === 'message') {
        log.info('question', { platform: incoming.platform, kind: reply.kind, answered: reply.answered, ms: Math.round((performance.now() - started) * 10) / 10 });
        log.debug('question text', { platform: incoming.platform, text: incoming.text });
      }
      return reply;
    } catch (err) {
      if (err instanceof StoreUnavailableError) return storeAway(incoming, live().edition);
      const errorId = newErrorId();
      log.error('handler failed', { errorId, platform: incoming.platform, err });
      return apology(errorId);
    } finally {
      shelf?.gate.leave();
    }
  };

  return {
    handle,
    commands: COMMANDS,
    store,
    log,
    claimDelivery: (key) => store.claimEvent(key, now()),
    stats: () => {
      const { corpus, edition } = live();
      return { documents: corpus.documents.length, passages: corpus.passages.length, edition };
    },
    library: live,
    reload,
    idle: async () => shelf?.idle(),
    close: async () => {
      shelf?.close();
      await store.close();
    },
  };
}

/**
 * Reads the documents and the catalog and builds the index from scratch (the evaluation and the
 * benchmark use it; a desk keeps its library up to date through a Shelf). At start-up a broken catalog is an
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
  return { corpus, catalog, index, edition: { hash: editionHash(corpus.hash, catalog), indexedAt: now().toISOString() }, problems };
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

/** The database is away (logged once by the store): what needs it says so, the rest still answers. */
function storeAway(incoming: Incoming, edition: Edition): Reply {
  const what = incoming.type === 'feedback' ? 'Your feedback could not be saved' : incoming.type === 'share' ? 'That answer could not be looked up' : 'That needs the database';
  return withEdition(notice('error', 'Not available right now', `${what}: Policy Desk cannot reach its database at the moment. Try again in a minute; questions are still answered.`), edition);
}

function withEdition(reply: Reply, edition: Edition): Reply {
  return reply.edition ? reply : { ...reply, edition };
}
