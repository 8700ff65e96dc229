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
  /** How often to check that the folder is still the one watched (deleted, or replaced). */
  pollMs?: number;
  log?: Logger;
}

export interface Watcher {
  /** watching: changes are picked up; missing: the folder is gone; unwatched: it cannot be watched. */
  state(): 'watching' | 'missing' | 'unwatched';
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
  const pollMs = options.pollMs ?? 1000;
  const log = options.log;
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };

  // fs.watch follows the folder it was given, not its path: once the folder is deleted (or moved
  // away and another put in its place) it reports nothing ever again. A light poll of the path's
  // identity notices both, and starts watching whatever folder is there now.
  let watcher: fs.FSWatcher | undefined;
  let watching: number | undefined;
  let gone = false;
  let cannotWatch = false;
  let everWatched = false;
  let closed = false;

  const stopWatching = () => {
    watcher?.close();
    watcher = undefined;
    watching = undefined;
  };
  const startWatching = (ino: number): boolean => {
    try {
      watcher = fs.watch(dir, { recursive: true, persistent: false }, (_event, file) => {
        // Editors' swap and backup files are not documents.
        if (file && (/(^|[/\\])(\.|#)|~$|\.sw[px]$/.test(file.toString()) || !WATCHED.test(file.toString()))) return;
        fire();
        // No file name: the folder itself was renamed or deleted. Look now, not at the next poll.
        if (!file) check();
      });
    } catch (err) {
      watcher = undefined;
      if (!cannotWatch && (err as NodeJS.ErrnoException).code !== 'ENOENT') {
        log?.warn('cannot watch the documents folder; use the reload command after changes', { dir, err: (err as Error).message });
      }
      cannotWatch = true;
      return false;
    }
    watcher.on('error', (err) => {
      log?.warn('documents watcher failed; trying to watch the folder again', { dir, err: err.message });
      stopWatching();
    });
    watching = ino;
    cannotWatch = false;
    everWatched = true;
    return true;
  };
  const check = () => {
    if (closed) return;
    const ino = folderIdentity(dir);
    if (ino === undefined) {
      if (!gone) {
        gone = true;
        stopWatching();
        log?.warn('documents folder is gone; still answering from the documents already indexed, and watching for it to come back', { dir });
      }
      return;
    }
    if (watcher && ino === watching) return;
    const wasGone = gone;
    const replaced = watching !== undefined;
    const resumed = everWatched;
    stopWatching();
    if (!startWatching(ino)) return;
    gone = false;
    if (wasGone) log?.info('documents folder is back; watching it again', { dir });
    else if (replaced) log?.info('documents folder was replaced; watching the new one', { dir });
    else if (resumed) log?.info('watching the documents folder again', { dir });
    // Whatever was written while nothing watched is read now.
    if (wasGone || resumed) fire();
  };

  const initial = folderIdentity(dir);
  if (initial === undefined) {
    gone = true;
    log?.warn('documents folder is missing; watching for it to appear', { dir });
  } else {
    startWatching(initial);
  }
  const poll = setInterval(check, pollMs);
  poll.unref();
  return {
    state: () => (gone ? 'missing' : watcher ? 'watching' : 'unwatched'),
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(poll);
      stopWatching();
    },
  };
}

/** The folder's inode, or undefined when there is no folder at the path. */
function folderIdentity(dir: string): number | undefined {
  try {
    const stat = fs.statSync(dir);
    return stat.isDirectory() ? stat.ino : undefined;
  } catch {
    return undefined;
  }
}
