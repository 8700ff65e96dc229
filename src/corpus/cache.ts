// Parsed documents kept by content hash, so an unchanged file is never parsed twice: in memory
// for reloads, and on disk under DATA_DIR for restarts. An entry that cannot be read back
// (damaged, truncated, from an older reader) is ignored and the file parsed again.

import fs from 'node:fs';
import path from 'node:path';
import type { ParsedFile } from './formats.js';

/** Bump when a reader's output changes, so older entries are parsed again. */
export const READER_VERSION = 1;
const MEMORY_ENTRIES = 2000;

const memory = new Map<string, ParsedFile>();

/** Empties the in-memory copies, as a restart does (the disk cache is what survives one). */
export function forgetParsedInMemory(): void {
  memory.clear();
}

export interface ParseCache {
  get(format: string, hash: string): ParsedFile | undefined;
  set(format: string, hash: string, parsed: ParsedFile): void;
  /**
   * Drops the disk entries no file uses any more: those not in keep (see cacheKey), or without
   * it, those this cache was not asked for (right after reading every file).
   */
  prune(keep?: ReadonlySet<string>): void;
}

/** The key a file's parse is kept under: its format, the readers' version and its content hash. */
export const cacheKey = (format: string, hash: string): string => `${format}-v${READER_VERSION}-${hash}`;

export function parseCache(dir: string | undefined): ParseCache {
  const used = new Set<string>();
  const file = (k: string) => path.join(dir!, `${k}.json`);
  const write = (k: string, parsed: ParsedFile) => {
    if (!dir) return;
    try {
      fs.mkdirSync(dir, { recursive: true });
      const tmp = `${file(k)}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(parsed));
      fs.renameSync(tmp, file(k));
    } catch {
      // A cache that cannot be written only costs a parse next time.
    }
  };
  return {
    get(format, hash) {
      const k = cacheKey(format, hash);
      used.add(k);
      const hit = memory.get(k);
      if (hit) {
        if (dir && !fs.existsSync(file(k))) write(k, hit);
        return hit;
      }
      if (!dir) return undefined;
      try {
        const parsed = JSON.parse(fs.readFileSync(file(k), 'utf8')) as unknown;
        if (!isParsedFile(parsed)) return undefined;
        remember(k, parsed);
        return parsed;
      } catch {
        return undefined;
      }
    },
    set(format, hash, parsed) {
      const k = cacheKey(format, hash);
      used.add(k);
      remember(k, parsed);
      write(k, parsed);
    },
    prune(keep = used) {
      if (!dir) return;
      try {
        for (const name of fs.readdirSync(dir)) {
          if (name.endsWith('.json') && !keep.has(name.slice(0, -5))) fs.rmSync(path.join(dir, name), { force: true });
        }
      } catch {
        // Nothing to prune.
      }
    },
  };
}

function remember(k: string, parsed: ParsedFile) {
  memory.delete(k);
  memory.set(k, parsed);
  if (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value!);
}

function isParsedFile(v: unknown): v is ParsedFile {
  if (!v || typeof v !== 'object') return false;
  const p = v as ParsedFile;
  return (
    typeof p.meta === 'object' && p.meta !== null &&
    Array.isArray(p.problems) &&
    (p.failure === undefined || typeof p.failure === 'string') &&
    Array.isArray(p.passages) &&
    p.passages.every((x) => x && typeof x.text === 'string' && Array.isArray(x.headings) && x.headings.every((h) => typeof h === 'string') && (x.page === undefined || typeof x.page === 'string'))
  );
}
