// The core: a Desk is the loaded corpus, its index, the command table and the store,
// behind one function, handle(incoming) → Reply. Adapters call nothing else to answer.

import { createHash } from 'node:crypto';
import type { CommandSpec, Edition, Incoming, Reply } from './types.js';
import { apology, newErrorId } from './errors.js';
import { silentLogger, type Logger } from './log.js';
import { openStore, type Store } from './store.js';
import { loadCorpus, type Corpus } from './corpus/load.js';
import { loadCatalog, type Catalog } from './catalog/load.js';
import { buildIndex, type PassageIndex } from './search/index.js';
import { COMMANDS, runMessage, type CommandContext } from './commands/table.js';

export interface DeskOptions {
  /** Folder of documents (and catalog files) to index. */
  seedsDir: string;
  /** Folder for the SQLite store; ":memory:" for a throw-away one. Ignored when store is given. */
  dataDir?: string;
  store?: Store;
  log?: Logger;
  /** The clock, so tests and the digest can control time. */
  now?: () => Date;
}

export interface Desk {
  handle(incoming: Incoming): Promise<Reply>;
  readonly commands: readonly CommandSpec[];
  readonly store: Store;
  readonly log: Logger;
  /** What is indexed now. */
  stats(): { documents: number; passages: number; edition: Edition };
  /** The live corpus, catalog and index (swapped whole on reload). */
  library(): Library;
  close(): void;
}

export interface Library {
  corpus: Corpus;
  catalog: Catalog;
  index: PassageIndex;
  edition: Edition;
}

/** Loads the documents and opens the store. Throws (once, clearly) on start-up problems. */
export async function openDesk(options: DeskOptions): Promise<Desk> {
  const log = options.log ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const library = await buildLibrary(options.seedsDir, log, now);
  const store = options.store ?? openStore(options.dataDir ?? ':memory:');
  return createDesk(library, { store, log, now });
}

/** A desk over a library already built (the benchmark builds synthetic ones). */
export function createDesk(library: Library, deps: { store: Store; log?: Logger; now?: () => Date }): Desk {
  const { store } = deps;
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  let current = library;

  const context = (): CommandContext => ({ library: current, store, log, now });

  const handle = async (incoming: Incoming): Promise<Reply> => {
    try {
      return withEdition(await dispatch(incoming, context()), current.edition);
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
    log,
    stats: () => ({ documents: current.corpus.documents.length, passages: current.corpus.passages.length, edition: current.edition }),
    library: () => current,
    close: () => store.close(),
  };
}

export async function buildLibrary(seedsDir: string, log: Logger, now: () => Date = () => new Date()): Promise<Library> {
  const corpus = await loadCorpus(seedsDir, log);
  const catalog = await loadCatalog(seedsDir, log);
  const index = buildIndex(corpus.passages, { catalog });
  // The edition covers the catalog too: a changed alias can change which passage answers.
  const hash = createHash('sha256').update(corpus.hash).update(JSON.stringify(catalog.entries)).digest('hex').slice(0, 12);
  return { corpus, catalog, index, edition: { hash, indexedAt: now().toISOString() } };
}

async function dispatch(incoming: Incoming, ctx: CommandContext): Promise<Reply> {
  switch (incoming.type) {
    case 'message':
      return runMessage(incoming, ctx);
    case 'feedback': {
      if (!ctx.store.question(incoming.questionId)) {
        return notice('ack', 'Feedback not recorded', 'That answer is no longer on record, so the feedback could not be saved.');
      }
      ctx.store.recordFeedback({ ...incoming, at: ctx.now() });
      return notice('ack', 'Thanks for the feedback', incoming.helpful ? 'Marked as helpful.' : 'Marked as not helpful. The team will look at it.');
    }
    case 'share': {
      const record = ctx.store.question(incoming.questionId);
      if (!record) return notice('error', 'Nothing to share', 'That answer is no longer on record. Ask the question again to share it.');
      // The same question on the same corpus gives the same answer, so re-asking is sharing.
      return { ...(await runMessage({ type: 'message', text: record.question, platform: incoming.platform }, ctx, { log: false })), questionId: record.id };
    }
  }
}

function withEdition(reply: Reply, edition: Edition): Reply {
  return reply.edition ? reply : { ...reply, edition };
}

export function notice(kind: Reply['kind'], title: string, text: string): Reply {
  return { kind, title, text, citations: [], fields: [], notes: [], answered: false };
}
