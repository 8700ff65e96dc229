// Documents stay fresh: files added, edited and deleted in the seeds folder change the answers
// while the bot runs, and questions asked during a rebuild are answered from the old index.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import { newestChange, watchFolder, type Watcher } from '../../src/watch.js';
import { ILO_DIR } from '../fixtures/paths.js';

let dir: string;
let desk: Desk;
let watcher: Watcher;

const ask = (text: string) => desk.handle({ type: 'message', text, platform: 'test' });
const QUESTION = 'How often can pickers in the quokka orchard scheme change employer?';

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 8000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-reload-'));
  fs.cpSync(ILO_DIR, dir, { recursive: true });
  desk = await openDesk({ seedsDir: dir, dataDir: ':memory:' });
  watcher = watchFolder(dir, () => void desk.reload(), { debounceMs: 50 });
});

afterEach(() => {
  watcher.close();
  desk.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('documents stay fresh without a restart', () => {
  it('answers from a file once it is added, follows its edits, and forgets it once deleted', async () => {
    expect((await ask(QUESTION)).answered).toBe(false);
    const before = desk.stats().edition.hash;

    const file = path.join(dir, 'seasonal.md');
    fs.writeFileSync(file, '# Seasonal work note\n\n## Orchards\n\nThe quokka orchard scheme lets seasonal pickers change employer once per harvest.\n');
    await eventually(async () => (await ask(QUESTION)).answered, 'the new file answers');
    const added = await ask(QUESTION);
    expect(added.citations[0]!.quote).toMatch(/once per harvest/);
    expect(added.citations[0]!.document).toBe('Seasonal work note');
    expect(added.edition!.hash).not.toBe(before);

    fs.writeFileSync(file, '# Seasonal work note\n\n## Orchards\n\nThe quokka orchard scheme lets seasonal pickers change employer twice per harvest.\n');
    await eventually(async () => /twice per harvest/.test((await ask(QUESTION)).citations[0]?.quote ?? ''), 'the edit shows');

    fs.rmSync(file);
    await eventually(async () => !(await ask(QUESTION)).answered, 'the deleted file is gone');
    expect(desk.stats().edition.hash).toBe(before);
  });

  it('skips a broken new file and still lands the rest of the update', async () => {
    fs.writeFileSync(path.join(dir, 'broken.md'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
    fs.writeFileSync(path.join(dir, 'good.md'), '# Good note\n\nThe quokka orchard scheme lets seasonal pickers change employer once per harvest.\n');
    fs.writeFileSync(path.join(dir, 'extra.yaml'), 'entries:\n  - kind: programme\n    id: broken\n');
    const result = await desk.reload();
    expect(result.changed).toBe(true);
    expect(result.problems.join('\n')).toMatch(/broken\.md: looks like a binary file/);
    expect(result.problems.join('\n')).toMatch(/catalog kept as it was: .*extra\.yaml/);
    expect((await ask(QUESTION)).answered).toBe(true);
    // The previous catalog still serves.
    expect((await ask('convention 143')).kind).toBe('card');
  });

  it('answers questions asked during a rebuild from the previous edition', async () => {
    const before = desk.stats().edition.hash;
    fs.writeFileSync(path.join(dir, 'seasonal.md'), '# Seasonal\n\nThe quokka orchard scheme lets seasonal pickers change employer once per harvest.\n');
    const reloading = desk.reload();
    const during = await ask('What does GATS Mode 4 cover?');
    expect(during.answered).toBe(true);
    expect(during.edition!.hash).toBe(before);
    await reloading;
    expect(desk.stats().edition.hash).not.toBe(before);
  });

  it('keeps answering when every document disappears, and says why', async () => {
    for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { recursive: true });
    const result = await desk.reload();
    expect(result.changed).toBe(false);
    expect(result.problems.join(' ')).toMatch(/No documents to answer from/);
    expect((await ask('What does GATS Mode 4 cover?')).answered).toBe(true);
  });

  it('sharing an answer given before the documents changed says so', async () => {
    const first = await ask('What does GATS Mode 4 cover?');
    fs.writeFileSync(path.join(dir, 'seasonal.md'), '# Seasonal\n\nThe quokka orchard scheme lets seasonal pickers change employer once per harvest.\n');
    await desk.reload();
    const shared = await desk.handle({ type: 'share', questionId: first.questionId!, platform: 'test' });
    expect(shared.notes.join(' ')).toMatch(/documents have changed since this answer/);
    const unchanged = await desk.handle({ type: 'share', questionId: (await ask('What does GATS Mode 4 cover?')).questionId!, platform: 'test' });
    expect(unchanged.notes.join(' ')).not.toMatch(/documents have changed/);
  });

  it('notices a file written while the documents were first read (start-up checks the newest change)', async () => {
    // File times are coarser than the clock: allow them a little slack.
    const before = Date.now() - 1000;
    fs.mkdirSync(path.join(dir, 'late'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'late', 'note.md'), '# Late\n\nWritten during start-up.\n');
    expect(newestChange(dir)).toBeGreaterThanOrEqual(before);
    expect(newestChange(path.join(dir, 'missing'))).toBe(0);
  });

  it('the reload command reports the edition', async () => {
    const reply = await ask('reload');
    expect(reply.title).toBe('Documents unchanged');
    expect(reply.text).toContain(desk.stats().edition.hash);
  });
});
