// A catalog file too big to read without stalling answers is refused unread, naming the file:
// at start-up once and clearly; on reload reported, with the previous catalog kept.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDesk } from '../../src/desk.js';
import { MAX_CATALOG_FILE_BYTES, MAX_CATALOG_TOTAL_BYTES } from '../../src/catalog/load.js';
import { seedsWith } from './helpers.js';

const NOTE = '# Migrant workers\n\n## Convention\n\nThe Migrant Workers Convention, 1975 (No. 143) covers abuses of migrant workers.\n';
const CATALOG = `entries:
  - kind: convention
    id: c143
    name: Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143)
    aliases: [C143]
    year: 1975
    summary: Migrations in abusive conditions and equality of opportunity.
`;

/** A valid catalog of about `bytes` bytes: many small entries, as a careless export would make. */
function bigCatalog(bytes: number): string {
  const lines = ['entries:'];
  let size = 10;
  for (let i = 0; size < bytes; i++) {
    const entry = `  - kind: programme\n    id: prog-${i}\n    name: Programme number ${i} on labour migration\n    summary: A programme about migrant workers in region ${i}.\n`;
    lines.push(entry);
    size += entry.length;
  }
  return lines.join('\n');
}

describe('catalog size', () => {
  it('at start-up, a catalog file over the limit stops Policy Desk once, naming the file, without a stack', () => {
    const seeds = seedsWith({ 'note.md': NOTE, 'catalog.yaml': CATALOG, 'team/export.yaml': bigCatalog(MAX_CATALOG_FILE_BYTES + 1024) });
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'adapters/cli/ask.ts', 'What is C143?'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, SEEDS_DIR: seeds, DATA_DIR: ':memory:' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Policy Desk could not start\.\nCatalog problem: team\/export\.yaml: is 51\d KB, over the 512 KB limit for one catalog file; split it into several \.yaml files\n$/);
  });

  it('on reload, an oversized file is reported and the previous catalog keeps serving', async () => {
    const seeds = seedsWith({ 'note.md': NOTE, 'catalog.yaml': CATALOG });
    const desk = await openDesk({ seedsDir: seeds, dataDir: ':memory:' });
    try {
      writeFileSync(path.join(seeds, 'huge.yaml'), bigCatalog(MAX_CATALOG_FILE_BYTES * 4));
      const result = await desk.reload();
      expect(result.problems).toEqual([expect.stringMatching(/^catalog kept as it was: huge\.yaml: is 2\.0 MB, over the 512 KB limit/)]);
      const card = await desk.handle({ type: 'message', text: 'convention C143', platform: 'test' });
      expect(card.kind).toBe('card');
      expect(card.title).toContain('No. 143');
    } finally {
      desk.close();
    }
  });

  it('files each under the limit but together over it are refused too, naming where the total was passed', async () => {
    const part = bigCatalog(MAX_CATALOG_FILE_BYTES - 4096);
    const files: Record<string, string> = { 'note.md': NOTE };
    const count = Math.ceil(MAX_CATALOG_TOTAL_BYTES / part.length) + 1;
    for (let i = 0; i < count; i++) files[`part-${i}.yaml`] = part.replace(/prog-/g, `p${i}-`).replace(/number /g, `${i} number `);
    await expect(openDesk({ seedsDir: seedsWith(files), dataDir: ':memory:' })).rejects.toThrow(/part-4\.yaml: the catalog files up to this one come to 2\.\d MB, over the 2\.0 MB limit for all of them/);
  });

  it('a file of nested aliases (a "billion laughs") is refused by name, not expanded', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'entries: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]'].join('\n');
    await expect(openDesk({ seedsDir: seedsWith({ 'note.md': NOTE, 'bomb.yaml': bomb }), dataDir: ':memory:' })).rejects.toThrow(/bomb\.yaml: cannot be read: .*alias/i);
  });
});
