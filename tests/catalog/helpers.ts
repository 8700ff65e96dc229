// Shared by the catalog tests: throw-away seeds folders, and the paragraphs of the real ILO paper.

import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ILO_DIR } from '../fixtures/paths.js';

export const SEEDS_DIR = ILO_DIR;
export const PAPER_FILE = path.join(SEEDS_DIR, 'ilo-key-issues-hld-2006.md');

/** A fresh folder holding the given files (paths relative to it; folders are created). */
export function seedsWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'catalog-test-'));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

export function paperParagraphs(): string[] {
  return readFileSync(PAPER_FILE, 'utf8')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The one paragraph of the paper containing this snippet (fails loudly if none or several). */
export function paragraph(snippet: string): string {
  const found = paperParagraphs().filter((p) => p.includes(snippet));
  if (found.length !== 1) throw new Error(`expected one paragraph containing "${snippet}", found ${found.length}`);
  return found[0]!;
}
