// The index kept on disk between runs, so a restart on unchanged documents is ready in seconds
// instead of re-reading and re-indexing everything.
//
// One file: the payload (JSON, then the binary posting lists), a newline, then a trailer line
// with the payload's length, where the JSON ends, and its SHA-256. It is written to a temporary file, flushed to disk and renamed over the old one, so a
// crash leaves the previous snapshot or the new one, never half of one. On reading, a trailer
// that does not match (a torn or damaged file), another format, or another derivation key (the
// code or options that cut and index passages changed) means the snapshot is not used.
// Documents are checked one by one against their content hashes by the caller.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedDocument } from '../corpus/load.js';
import type { ContentsData } from '../search/incremental.js';

export const SNAPSHOT_FILE = 'index-snapshot.json';
/** A snapshot being written, by the process with this id. */
const TEMP_FILE = /^index-snapshot\.json\.(\d+)\.tmp$/;
// 2: each file records the parse it came from (LoadedDocument.parsedAs), for pruning the parse cache.
const FORMAT = 2;
/** Bytes gathered before each write: small enough that producing them never blocks for long. */
const WRITE_CHUNK = 1 << 20;

/** What is known about one file of the documents folder. */
export interface ShelvedFile {
  rel: string;
  /** Size and time of the file and its sidecar, to notice a change without reading them. */
  stamp: string;
  /** The latest of their times. */
  mtimeMs: number;
  /** Content hash of the file's bytes (also for a file that was skipped). */
  hash: string;
  loaded: LoadedDocument;
}

export interface Snapshot {
  format: number;
  key: string;
  /** Hash of the catalog entries the passages were tagged with. */
  catalogKey: string;
  files: ShelvedFile[];
  contents: ContentsData;
  postings: Buffer;
}

export interface SnapshotSource {
  key: string;
  catalogKey: string;
  files: Iterable<ShelvedFile>;
  contents: () => Generator<string>;
  postings: () => Generator<Uint8Array>;
  /** Changes whenever the index does: writing stops if it moves. */
  generation: () => number;
}

export type ReadResult = { snapshot: Snapshot } | { snapshot?: undefined; why: string };

/**
 * The key of everything a snapshot's contents derive from: this format, the index options that
 * change terms, and the source of the code that reads documents, cuts passages, makes terms and
 * tags (edited code, or an upgraded package, must not serve passages cut the old way).
 */
export function derivationKey(indexKey: string): string {
  const hash = createHash('sha256').update(`${FORMAT}\0${indexKey}\0`);
  const src = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  for (const dir of ['corpus', 'search', 'catalog', 'library']) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(path.join(src, dir)).sort();
    } catch {
      hash.update(`${dir}: unreadable\0`);
    }
    for (const name of names) {
      try {
        hash.update(name).update(fs.readFileSync(path.join(src, dir, name)));
      } catch {
        hash.update(`${name}: unreadable\0`);
      }
    }
  }
  for (const pkg of ['minisearch', 'wink-porter2-stemmer']) hash.update(`${pkg}@${packageVersion(pkg)}\0`);
  return hash.digest('hex').slice(0, 16);
}

export async function readSnapshot(dir: string, key: string): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(path.join(dir, SNAPSHOT_FILE));
  } catch (err) {
    return { why: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'none yet' : `unreadable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
  const cut = bytes.lastIndexOf(0x0a);
  if (cut < 0) return { why: 'damaged: no trailer' };
  const payload = bytes.subarray(0, cut);
  let trailer: { bytes?: unknown; json?: unknown; sha256?: unknown };
  try {
    trailer = JSON.parse(bytes.subarray(cut + 1).toString('utf8'));
  } catch {
    return { why: 'damaged: unreadable trailer' };
  }
  if (trailer.bytes !== payload.length) return { why: 'damaged: incomplete' };
  if (trailer.sha256 !== createHash('sha256').update(payload).digest('hex')) return { why: 'damaged: checksum does not match' };
  if (typeof trailer.json !== 'number' || trailer.json > payload.length) return { why: 'damaged: unreadable trailer' };
  let snapshot: Snapshot;
  try {
    snapshot = { ...JSON.parse(payload.toString('utf8', 0, trailer.json)), postings: payload.subarray(trailer.json) };
  } catch {
    return { why: 'damaged: not JSON' };
  }
  if (snapshot.format !== FORMAT) return { why: `stale: format ${snapshot.format}` };
  if (snapshot.key !== key) return { why: 'stale: made by other code or options' };
  return { snapshot };
}

/**
 * Writes a snapshot a piece at a time, yielding between pieces. Resolves true once it is in
 * place, false when the index changed meanwhile or writing failed (the old snapshot stays).
 */
export async function writeSnapshot(dir: string, source: SnapshotSource, cancelled: () => boolean): Promise<boolean> {
  const generation = source.generation();
  const target = path.join(dir, SNAPSHOT_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  await fsp.mkdir(dir, { recursive: true });
  await removeAbandoned(dir);
  const file = await fsp.open(temp, 'w');
  let done = false;
  try {
    const hash = createHash('sha256');
    let size = 0;
    let buffer = '';
    const put = async (chunk: Uint8Array) => {
      hash.update(chunk);
      size += chunk.length;
      await file.write(chunk);
    };
    const flush = async () => {
      await put(Buffer.from(buffer, 'utf8'));
      buffer = '';
    };
    const stale = () => cancelled() || source.generation() !== generation;
    for (const piece of pieces(source)) {
      if (stale()) return false;
      buffer += piece;
      if (buffer.length >= WRITE_CHUNK) await flush();
    }
    await flush();
    const json = size;
    for (const chunk of source.postings()) {
      if (stale()) return false;
      await put(chunk);
    }
    await file.write(`\n${JSON.stringify({ bytes: size, json, sha256: hash.digest('hex') })}`);
    await file.sync();
    await file.close();
    if (cancelled() || source.generation() !== generation) return false;
    await fsp.rename(temp, target);
    done = true;
    await syncFolder(dir);
    return true;
  } finally {
    if (!done) {
      await file.close().catch(() => {});
      await fsp.rm(temp, { force: true }).catch(() => {});
    }
  }
}

function* pieces(source: SnapshotSource): Generator<string> {
  yield `{"format":${FORMAT},"key":${JSON.stringify(source.key)},"catalogKey":${JSON.stringify(source.catalogKey)},"files":[`;
  let first = true;
  for (const f of source.files) {
    yield (first ? '' : ',') + JSON.stringify(f);
    first = false;
  }
  yield '],"contents":';
  yield* source.contents();
  yield '}';
}

/** Temporary files of processes that exited mid-write (a one-shot command, a crash). */
async function removeAbandoned(dir: string): Promise<void> {
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const pid = TEMP_FILE.exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !alive(Number(pid))) await fsp.rm(path.join(dir, name), { force: true }).catch(() => {});
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The rename itself is durable only once the folder is flushed (not possible everywhere). */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await fsp.open(dir, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // Windows cannot open a folder; the rename is still atomic there.
  }
}

function packageVersion(name: string): string {
  try {
    const main = fileURLToPath(import.meta.resolve(name));
    for (let dir = path.dirname(main); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (fs.existsSync(file)) {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? '?';
      }
    }
  } catch {
    // Unknown version: the source hash still covers our own code.
  }
  return '?';
}
