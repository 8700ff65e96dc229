// Runs the readers in a worker thread with a time limit per file. A file that takes too long,
// or crashes the reader (or exhausts its memory), costs that file only: the worker is replaced
// and the next file is read by a fresh one.

import { Worker } from 'node:worker_threads';
import type { ParsedFile } from './formats.js';
import { ReaderError } from './reader-error.js';
import type { ReadRequest, ReadResponse } from './read-worker.js';

export interface ReadPool {
  read(format: string, bytes: Uint8Array, limitMs: number): Promise<ParsedFile>;
  close(): Promise<void>;
}

/** Heap for the worker: generous for a large report, bounded for a hostile file. */
const WORKER_HEAP_MB = 1024;

/** How long an idle worker is kept for the next reload before it is stopped. */
const IDLE_MS = 15_000;

let shared: ReadPool | undefined;

/** The process's reader: one worker, started on the first file to parse, stopped when idle. */
export function sharedReadPool(): ReadPool {
  return (shared ??= readPool());
}

export function readPool(): ReadPool {
  let worker: Worker | undefined;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();
  let pending = 0;
  let idle: NodeJS.Timeout | undefined;
  const stopWhenIdle = () => {
    clearTimeout(idle);
    if (pending) return;
    idle = setTimeout(() => {
      const w = worker;
      worker = undefined;
      void w?.terminate();
    }, IDLE_MS);
    idle.unref();
  };

  const spawn = () => {
    const w = new Worker(new URL('./read-worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    w.unref();
    return w;
  };

  const once = (format: string, bytes: Uint8Array, limitMs: number) =>
    new Promise<ParsedFile>((resolve, reject) => {
      const w = (worker ??= spawn());
      const id = nextId++;
      const done = () => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      const fail = (why: string) => {
        done();
        if (worker === w) worker = undefined;
        void w.terminate();
        reject(new ReaderError(why, { transient: true }));
      };
      const onMessage = (msg: ReadResponse) => {
        if (msg.id !== id) return;
        done();
        if (msg.ok) resolve(msg.parsed);
        else reject(msg.known ? new ReaderError(msg.message) : new Error(msg.message));
      };
      const onError = (err: Error) => fail(`could not be read: the reader stopped (${/heap|memory/i.test(err.message) ? 'out of memory' : err.message.split('\n')[0]}); skipped`);
      const onExit = (code: number) => fail(`could not be read: the reader stopped (exit code ${code}); skipped`);
      const timer = setTimeout(() => fail(`took longer than ${Math.round(limitMs / 1000)} s to read; skipped`), limitMs);
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage({ id, format, bytes } satisfies ReadRequest);
    });

  return {
    read(format, bytes, limitMs) {
      // One file at a time, so each one's time limit measures its own reading.
      pending++;
      clearTimeout(idle);
      const result = queue.then(() => once(format, bytes, limitMs)).finally(() => {
        pending--;
        stopWhenIdle();
      });
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      clearTimeout(idle);
      await queue;
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}
