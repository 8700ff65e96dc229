// Start-up shared by every entry point (npm start, npm run ask, npm run digest): read .env and
// the environment once, open the store and the documents, and turn any start-up problem into
// one clear message that names the file or variable, never a value.

import { ConfigError, readConfig, type Config, type LogLevel, type PlatformConfigSpec } from './config.js';
import { createLogger, type Logger } from './log.js';
import { openDesk, type Desk } from './desk.js';
import { openStore, StoreError } from './store.js';
import { CorpusError } from './corpus/load.js';
import { CatalogError } from './catalog/load.js';
import { StartupError } from './errors.js';

export interface Booted {
  config: Config;
  log: Logger;
  desk: Desk;
}

export async function boot(options: { defaultLogLevel?: LogLevel; platforms?: readonly PlatformConfigSpec[] } = {}): Promise<Booted> {
  const config = readConfig(options.platforms);
  const level = config.logLevel ?? options.defaultLogLevel ?? (Object.keys(config.platforms).length ? 'info' : 'warn');
  // Every platform's redactions, on or off: a line that names one of its URLs is masked regardless.
  const redactions = (options.platforms ?? []).flatMap((p) => p.logRedactions ?? []);
  const log = createLogger({ level, format: config.logFormat, secrets: config.secrets, redactions });
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, log: log.child({ component: 'store' }) });
  log.info('store opened', { backend: store.backend, where: store.where });
  try {
    const desk = await openDesk({ seedsDir: config.seedsDir, dataDir: config.dataDir, store, log, digest: config.digest, onReadProgress: terminalProgress(), rateLimitPerMinute: config.rateLimitPerMinute });
    const stats = desk.stats();
    log.info('documents indexed', { documents: stats.documents, passages: stats.passages, edition: stats.edition.hash });
    return { config, log, desk };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** "Reading documents: 12 of 100" on the terminal while a slow first read runs; nothing when not a terminal. */
function terminalProgress(): ((read: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (read, total) => {
    process.stderr.write(`\rReading documents: ${read} of ${total}${read >= total ? '\n' : ''}`);
  };
}

/** Known start-up problems get their message alone; anything else its stack, once. */
export function startupFailure(err: unknown): never {
  const known = err instanceof StartupError || err instanceof ConfigError || err instanceof CorpusError || err instanceof CatalogError || err instanceof StoreError;
  process.stderr.write(`Policy Desk could not start.\n${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}\n`);
  process.exit(1);
}
