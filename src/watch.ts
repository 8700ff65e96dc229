// Notices changes in the documents folder so a running bot picks up new, edited and deleted
// files without a restart. Events come in bursts (an editor writes a temp file, renames, and
// touches metadata), so they are gathered for a moment before one reload runs.

import fs from 'node:fs';
import type { Logger } from './log.js';
import { DOCUMENT_EXTENSIONS } from './corpus/formats.js';

// Documents (every format the table reads), catalog files and sidecars; a name without an extension may be a folder.
const WATCHED = new RegExp(`(${[...DOCUMENT_EXTENSIONS, '.yaml', '.yml'].map((e) => e.replace('.', '\\.')).join('|')})$|(^|[/\\\\])[^./\\\\]+$`, 'i');

export interface WatchOptions {
  /** Quiet time after the last event before reloading. */
  debounceMs?: number;
  log?: Logger;
}

export interface Watcher {
  close(): void;
}

/** The latest modification time of anything under dir (0 when it cannot be read). */
export function newestChange(dir: string): number {
  try {
    let newest = fs.statSync(dir).mtimeMs;
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      const full = `${entry.parentPath ?? dir}/${entry.name}`;
      newest = Math.max(newest, fs.statSync(full, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    }
    return newest;
  } catch {
    return 0;
  }
}

export function watchFolder(dir: string, onChange: () => void, options: WatchOptions = {}): Watcher {
  const debounceMs = options.debounceMs ?? 500;
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  let watcher: fs.FSWatcher;
  try {
    watcher = fs.watch(dir, { recursive: true, persistent: false }, (_event, file) => {
      // Editors' swap and backup files are not documents.
      if (file && (/(^|[/\\])(\.|#)|~$|\.sw[px]$/.test(file.toString()) || !WATCHED.test(file.toString()))) return;
      fire();
    });
  } catch (err) {
    options.log?.warn('cannot watch the documents folder; use the reload command after changes', { dir, err: (err as Error).message });
    return { close: () => {} };
  }
  watcher.on('error', (err) => options.log?.warn('documents watcher stopped; use the reload command after changes', { dir, err: err.message }));
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
