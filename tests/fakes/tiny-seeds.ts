// A documents folder of one short note, in a temp folder: for tests about the platforms, the
// logs and health, which need a desk that answers but nothing from a particular corpus.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDesk, type Desk } from '../../src/desk.js';

export const TINY_NOTE = '# Seasonal work note\n\n## Permits\n\nThe quokka orchard permit lets seasonal pickers change employer once per harvest.\n';
/** A question the note answers. */
export const TINY_QUESTION = 'Can seasonal pickers change employer?';

export function tinySeeds(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-desk-docs-'));
  fs.writeFileSync(path.join(dir, 'seasonal.md'), TINY_NOTE);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A desk (in-memory store) over the one-note folder; closing it removes the folder too. */
export async function openTinyDesk(): Promise<Desk> {
  const seeds = tinySeeds();
  const desk = await openDesk({ seedsDir: seeds.dir, dataDir: ':memory:' });
  return {
    ...desk,
    async close() {
      await desk.close();
      seeds.remove();
    },
  };
}
