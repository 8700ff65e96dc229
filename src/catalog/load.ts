// Loading the catalog: every .yaml/.yml file under the seeds folder (each team adds its own),
// checked strictly and merged. All problems are reported together, before the bot starts.

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log.js';
import { createCatalog, emptyCatalog } from './catalog.js';
import { parseCatalogFile } from './parse-file.js';
import { isSidecar } from '../corpus/formats.js';
import { CatalogError, type Catalog } from './types.js';
import { checkAcross, checkEntries, type CheckedEntry } from './validate.js';

export { CatalogError, ENTRY_KINDS, type Catalog, type CatalogEntry, type EntryKind } from './types.js';
export { createCatalog, emptyCatalog } from './catalog.js';

const CATALOG_FILE = /\.ya?ml$/i;

// Reading and checking a catalog runs on the thread that answers, at about 1 s per MB here: a
// cap per file and for all of them bounds that pause (the bundled catalog is 32 KB). Files are
// measured before they are read, so an oversized one costs nothing.
export const MAX_CATALOG_FILE_BYTES = 512 * 1024;
export const MAX_CATALOG_TOTAL_BYTES = 2 * 1024 * 1024;

export async function loadCatalog(seedsDir: string, log: Logger): Promise<Catalog> {
  const files = await catalogFiles(seedsDir);
  if (!files.length) {
    log.info('no catalog files; the catalog is empty', { seedsDir });
    return emptyCatalog();
  }

  const problems: string[] = [];
  const checked: CheckedEntry[] = [];
  const qualifiers: string[] = [];
  const sizeProblems = await oversized(seedsDir, files);
  if (sizeProblems.length) throw new CatalogError(sizeProblems);
  for (const file of files) {
    const full = path.join(seedsDir, file);
    // Let questions waiting meanwhile be answered between one file and the next.
    await new Promise((resolve) => setImmediate(resolve));
    const text = await readFile(full, 'utf8');
    const parsed = parseCatalogFile(text, file);
    problems.push(...parsed.problems);
    qualifiers.push(...parsed.qualifiers);
    const result = checkEntries(parsed.entries, file);
    problems.push(...result.problems);
    checked.push(...result.entries);
    log.debug('catalog file read', { file, entries: result.entries.length });
  }
  problems.push(...checkAcross(checked));
  if (problems.length) throw new CatalogError(problems);

  const catalog = createCatalog(checked.map((c) => c.entry), qualifiers);
  log.info('catalog loaded', { files: files.length, entries: catalog.entries.length });
  return catalog;
}

/** Files too big to read (each measured before any is read), and where the total passes its limit. */
async function oversized(seedsDir: string, files: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  let total = 0;
  for (const file of files) {
    const { size } = await stat(path.join(seedsDir, file));
    if (size > MAX_CATALOG_FILE_BYTES) {
      problems.push(`${file}: is ${kb(size)}, over the ${kb(MAX_CATALOG_FILE_BYTES)} limit for one catalog file; split it into several .yaml files`);
      continue;
    }
    total += size;
    if (total > MAX_CATALOG_TOTAL_BYTES) {
      problems.push(`${file}: the catalog files up to this one come to ${kb(total)}, over the ${kb(MAX_CATALOG_TOTAL_BYTES)} limit for all of them`);
      break;
    }
  }
  return problems;
}

function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Catalog files under the folder, relative and "/"-separated, in a stable order. Hidden folders are skipped. */
async function catalogFiles(root: string, sub = ''): Promise<string[]> {
  let items;
  try {
    items = await readdir(path.join(root, sub), { withFileTypes: true });
  } catch (err) {
    // A missing seeds folder is the corpus loader's complaint to make; here it just means no catalog.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !sub) return [];
    throw err;
  }
  const out: string[] = [];
  for (const item of items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (item.name.startsWith('.')) continue;
    const rel = sub ? `${sub}/${item.name}` : item.name;
    if (item.isDirectory()) out.push(...(await catalogFiles(root, rel)));
    else if (item.isFile() && CATALOG_FILE.test(item.name) && !isSidecar(item.name)) out.push(rel); // report.pdf.yaml is a document's metadata
  }
  return out;
}
