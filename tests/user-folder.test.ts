// The user's documents folder (DEFAULT_SEEDS_DIR) is theirs: editing or deleting it must not break
// a test. Every test, harness and script under tests/ reads its documents from tests/fixtures/ or a
// temporary folder; this guard fails when one names the user's folder instead.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEEDS_DIR } from '../src/config.js';

const TESTS = path.resolve('tests');
const SELF = path.resolve('tests/user-folder.test.ts');
// A string literal that names the folder: 'x', "x/…", '../../x', `${ROOT}/x`. (A temporary folder
// is better not called that either: a reader cannot tell the two apart.)
const NAMES_USER_FOLDER = new RegExp(`['"\`](?:\\.{1,2}/)*${DEFAULT_SEEDS_DIR}(?:/[^'"\`]*)?['"\`]|/${DEFAULT_SEEDS_DIR}['"\`]`);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.(ts|mts|js)$/.test(e.name) && full !== SELF ? [full] : [];
  });
}

describe("tests and the user's documents folder", () => {
  it('no test, harness or script reads it', () => {
    const offenders = sources(TESTS).flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (NAMES_USER_FOLDER.test(line) ? [`${path.relative(TESTS, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps its own copy of the bundled paper and catalog', () => {
    for (const file of ['ilo-key-issues-hld-2006.md', 'catalog.yaml']) expect(fs.existsSync(path.join(TESTS, 'fixtures/ilo', file)), file).toBe(true);
  });
});
