// Live reload survives the documents folder going away: deleted and recreated, or replaced by
// another folder moved into its place, the new files are picked up, and the log says what happened.
// The real watcher (fs.watch), the real desk, real folders.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import { createLogger } from '../../src/log.js';
import { watchFolder, type Watcher } from '../../src/watch.js';

const FIRST = '# Seasonal work note\n\n## Orchards\n\nThe quokka orchard scheme lets seasonal pickers change employer once per harvest.\n';
const SECOND = '# Fishing note\n\n## Boats\n\nThe wombat trawler scheme gives deckhands a written contract in their own language.\n';
const ASK_SECOND = 'Do deckhands in the wombat trawler scheme get a written contract?';

let root: string;
let dir: string;
let desk: Desk;
let watcher: Watcher;
let lines: Array<{ level: string; msg: string }>;

const ask = (text: string) => desk.handle({ type: 'message', text, platform: 'test' });

async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 8000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting until ${what}; log: ${JSON.stringify(lines.filter((l) => l.msg !== 'question' && l.msg !== 'question text'))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeEach(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-watch-'));
  dir = path.join(root, 'documents');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'seasonal.md'), FIRST);
  lines = [];
  const log = createLogger({ level: 'debug', format: 'json', write: (line) => lines.push(JSON.parse(line)) });
  desk = await openDesk({ seedsDir: dir, dataDir: ':memory:', log });
  watcher = watchFolder(dir, () => void desk.reload(), { debounceMs: 30, pollMs: 50, log });
});

afterEach(() => {
  watcher.close();
  desk.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the documents folder goes away', () => {
  it('deleted, recreated and refilled: the new documents are answered, with a warning and a notice in the log', async () => {
    expect(watcher.state()).toBe('watching');
    fs.rmSync(dir, { recursive: true });
    await eventually(() => lines.some((l) => l.level === 'warn' && l.msg.startsWith('documents folder is gone')), 'a warning that the folder is gone');
    expect(watcher.state()).toBe('missing');
    // Still answering from what was indexed.
    expect((await ask('Can pickers in the quokka orchard scheme change employer?')).answered).toBe(true);

    fs.mkdirSync(dir);
    await eventually(() => lines.some((l) => l.level === 'info' && l.msg === 'documents folder is back; watching it again'), 'a notice that it is back');
    fs.writeFileSync(path.join(dir, 'fishing.md'), SECOND);
    await eventually(async () => (await ask(ASK_SECOND)).answered, 'the new document answers');
    expect(watcher.state()).toBe('watching');
    expect(lines.filter((l) => l.msg.startsWith('documents folder is gone'))).toHaveLength(1);
  });

  it('replaced by another folder moved into its place: the new folder is watched and read', async () => {
    const other = path.join(root, 'incoming');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'fishing.md'), SECOND);
    fs.renameSync(dir, path.join(root, 'old-seeds'));
    fs.renameSync(other, dir);
    await eventually(async () => (await ask(ASK_SECOND)).answered, 'the moved-in folder answers');
    // And it is watched: a later edit lands too.
    fs.writeFileSync(path.join(dir, 'fishing.md'), SECOND.replace('own language', 'own language, countersigned by the union'));
    await eventually(async () => /countersigned by the union/.test((await ask(ASK_SECOND)).citations[0]?.quote ?? ''), 'an edit in the new folder shows');
  });
});
