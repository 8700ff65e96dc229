// A library kept up to date one document at a time must answer exactly as one read from scratch:
// after any sequence of added, edited, broken and deleted documents, catalog changes and
// restarts from the saved index, every reply equals the reply of a fresh build of the same folder.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildLibrary, createDesk, openDesk, type Desk } from '../../src/desk.js';
import { createLogger, silentLogger, type Logger } from '../../src/log.js';
import { openStore } from '../../src/store.js';
import { seededRandom } from '../../src/random.js';
import { EVAL_DIR, ILO_DIR } from '../fixtures/paths.js';
import { SNAPSHOT_FILE } from '../../src/library/snapshot.js';
import type { Reply } from '../../src/types.js';

let dir: string;
let dataDir: string;
let logLines: string[];
let log: Logger;
const open: Desk[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-live-docs-'));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-live-data-'));
  logLines = [];
  log = createLogger({ level: 'debug', format: 'json', write: (line) => logLines.push(line) });
  fs.copyFileSync(path.join(ILO_DIR, 'catalog.yaml'), path.join(dir, 'catalog.yaml'));
});

afterEach(() => {
  for (const desk of open.splice(0)) desk.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function openLive(): Promise<Desk> {
  const desk = await openDesk({ seedsDir: dir, dataDir, log });
  open.push(desk);
  return desk;
}

function closeDesk(desk: Desk) {
  desk.close();
  open.splice(open.indexOf(desk), 1);
}

/** Paragraphs from the evaluation documents, to write new documents with. */
const PARAGRAPHS = fs
  .readdirSync(EVAL_DIR)
  .filter((f) => f.endsWith('.md'))
  .flatMap((f) => fs.readFileSync(path.join(EVAL_DIR, f), 'utf8').split(/\n\s*\n/))
  .map((p) => p.trim())
  .filter((p) => p.length > 80 && !/^[#|>-]|^\d+\.|^---/.test(p));

// Names that clash once slugged ("notes/alpha" and "notes-alpha"), nested and not.
const NAMES = ['alpha.md', 'notes/alpha.md', 'notes-alpha.md', 'beta.txt', 'gamma/delta/epsilon.md', 'zeta.md', 'eta.markdown', 'theta.md'];
const ORCHARD = 'The quokka orchard scheme lets seasonal pickers change employer once per harvest.';
const EXTRA_CATALOG = `entries:
  - kind: programme
    id: quokka-orchard-scheme
    name: Quokka Orchard Scheme
    aliases: [QOS]
    summary: A seasonal work scheme for orchard pickers.
`;

const QUESTIONS = [
  'What does GATS Mode 4 cover?',
  'remitances and development',
  'remitt',
  'convention 143',
  'C97',
  'ICRMW',
  'search brain drain',
  'How often can pickers in the quokka orchard scheme change employer?',
  'programme QOS',
  'sources',
  'conventions',
  'What do the documents say about the protection of migrant workers?',
  'vulnerble',
];

function documentText(rand: () => number, title: string): string {
  const pick = () => PARAGRAPHS[Math.floor(rand() * PARAGRAPHS.length)]!;
  const parts = rand() < 0.3 ? [`---\ntitle: ${title} (front matter)\nyear: ${2000 + Math.floor(rand() * 25)}\n---\n`] : [];
  parts.push(`# ${title}\n`);
  const sections = 1 + Math.floor(rand() * 3);
  for (let s = 0; s < sections; s++) {
    parts.push(`## Part ${s + 1}\n`);
    const n = 1 + Math.floor(rand() * 4);
    for (let k = 0; k < n; k++) parts.push(rand() < 0.1 ? ORCHARD : pick());
  }
  return `${parts.join('\n\n')}\n`;
}

/** Replies without what differs by design: the question log's row id and the time of indexing. */
function comparable(reply: Reply): unknown {
  const { questionId: _id, edition, ...rest } = reply;
  return { ...rest, edition: edition?.hash };
}

async function expectSameAsFresh(desk: Desk, extra: string[], step: string) {
  const fresh = await buildLibrary(dir, silentLogger);
  const reference = createDesk(fresh, { store: await openStore({ dataDir: ':memory:' }) });
  try {
    expect(desk.stats().edition.hash, `${step}: edition`).toBe(fresh.edition.hash);
    expect(desk.library().corpus.passages.map((p) => p.id), `${step}: passages`).toEqual(fresh.corpus.passages.map((p) => p.id));
    for (const text of [...QUESTIONS, ...extra]) {
      const [live, scratch] = [await desk.handle({ type: 'message', text, platform: 'test' }), await reference.handle({ type: 'message', text, platform: 'test' })];
      expect(comparable(live), `${step}: "${text}"`).toEqual(comparable(scratch));
    }
  } finally {
    reference.close();
  }
}

const existing = () => NAMES.filter((n) => fs.existsSync(path.join(dir, n)));
const write = (name: string, text: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
};

describe('a library updated in place', () => {
  it('answers as a fresh build after a random sequence of adds, edits, deletes, catalog changes and restarts', async () => {
    const rand = seededRandom(15);
    write('alpha.md', documentText(rand, 'Alpha'));
    write('zeta.md', documentText(rand, 'Zeta'));
    let desk = await openLive();
    let restarts = 0;
    for (let step = 0; step < 36; step++) {
      const names = existing();
      const roll = rand();
      let op: string;
      if (step % 12 === 11 || roll < 0.08) {
        // A restart, sometimes with changes made while the desk was down.
        await desk.idle();
        closeDesk(desk);
        op = 'restart';
        if (rand() < 0.5) {
          const name = NAMES[Math.floor(rand() * NAMES.length)]!;
          write(name, documentText(rand, `Offline ${step}`));
          op += ` after writing ${name}`;
        }
        desk = await openLive();
        restarts++;
        expect(logLines.filter((l) => l.includes('snapshot')), 'the snapshot was used').toContainEqual(expect.stringContaining('index restored from the snapshot'));
        logLines.length = 0;
      } else {
        if (roll < 0.35) {
          const name = NAMES.filter((n) => !names.includes(n))[0] ?? names[0]!;
          write(name, documentText(rand, `Added ${step}`));
          op = `add ${name}`;
        } else if (roll < 0.6) {
          const name = names[Math.floor(rand() * names.length)]!;
          write(name, documentText(rand, `Edited ${step}`));
          op = `edit ${name}`;
        } else if (roll < 0.75 && names.length > 2) {
          const name = names[Math.floor(rand() * names.length)]!;
          fs.rmSync(path.join(dir, name));
          op = `delete ${name}`;
        } else if (roll < 0.82 && names.length > 2) {
          const name = names[Math.floor(rand() * names.length)]!;
          write(name, Buffer.from([0, 1, 2, 3, 0xff, 0xfe]));
          op = `break ${name}`;
        } else if (roll < 0.92) {
          const extra = path.join(dir, 'extra.yaml');
          if (fs.existsSync(extra)) fs.rmSync(extra);
          else fs.writeFileSync(extra, EXTRA_CATALOG);
          op = 'toggle catalog entry';
        } else {
          // Several changes in one sync.
          for (const name of NAMES.slice(0, 3)) write(name, documentText(rand, `Batch ${step}`));
          op = 'batch';
        }
        await desk.reload();
      }
      const picks = Array.from({ length: 3 }, () => PARAGRAPHS[Math.floor(rand() * PARAGRAPHS.length)]!.split(/\s+/).slice(3, 9).join(' '));
      await expectSameAsFresh(desk, picks, `step ${step} (${op})`);
    }
    expect(restarts).toBeGreaterThanOrEqual(3);
  });

  it('rebuilds from the documents when the saved index is damaged, torn or stale, and saves a good one again', async () => {
    const rand = seededRandom(7);
    for (const name of ['alpha.md', 'beta.txt', 'notes/alpha.md']) write(name, documentText(rand, name));
    const first = await openLive();
    await first.idle();
    closeDesk(first);
    const file = path.join(dataDir, SNAPSHOT_FILE);
    const good = fs.readFileSync(file);

    const damages: [string, (b: Buffer) => Buffer, RegExp][] = [
      ['a flipped byte', (b) => Buffer.from(b.map((x, i) => (i === Math.floor(b.length / 2) ? x ^ 0x20 : x))), /checksum/],
      ['a torn write', (b) => b.subarray(0, Math.floor(b.length * 0.6)), /damaged/],
      ['an empty file', () => Buffer.alloc(0), /damaged/],
      ['another version of the code', (b) => resign(b, (json) => json.replace(/"key":"[0-9a-f]+"/, '"key":"0000"')), /stale/],
      ['well-formed but incomplete contents', (b) => resign(b, (json) => json.replace('"df":[', '"dfx":[')), /unusable/],
    ];
    for (const [what, damage, why] of damages) {
      fs.writeFileSync(file, damage(good));
      logLines.length = 0;
      const desk = await openLive();
      const lines = logLines.join('\n');
      expect(lines, what).not.toMatch(/index restored from the snapshot/);
      expect(lines, what).toMatch(why);
      await expectSameAsFresh(desk, [], what);
      await desk.idle();
      closeDesk(desk);
      logLines.length = 0;
      const again = await openLive();
      expect(logLines.join('\n'), `${what}: the new snapshot is used`).toMatch(/index restored from the snapshot/);
      closeDesk(again);
    }
  });

  it('a question asked while documents change is answered from one edition, the one it names', async () => {
    write('alpha.md', `# Alpha\n\n${PARAGRAPHS[0]}\n`);
    const desk = await openLive();
    const before = desk.stats().edition.hash;
    write('orchard.md', `# Orchards\n\n${ORCHARD}\n`);
    const updating = desk.reload();
    const during = await desk.handle({ type: 'message', text: 'quokka orchard scheme', platform: 'test' });
    await updating;
    const after = await desk.handle({ type: 'message', text: 'quokka orchard scheme', platform: 'test' });
    expect(during.edition!.hash).toBe(before);
    expect(during.answered).toBe(false);
    expect(after.edition!.hash).toBe(desk.stats().edition.hash);
    expect(after.edition!.hash).not.toBe(before);
    expect(after.citations[0]!.quote).toMatch(/once per harvest/);
  });
});

describe('the saved index and the catalog', () => {
  it('a catalog change re-tags only the passages it changes', async () => {
    write('alpha.md', `# Alpha\n\n${PARAGRAPHS[0]}\n\n${PARAGRAPHS[1]}\n`);
    write('orchard.md', `# Orchards\n\n${ORCHARD}\n\nPickers are paid by the bin.\n`);
    const desk = await openLive();
    fs.writeFileSync(path.join(dir, 'extra.yaml'), EXTRA_CATALOG);
    await desk.reload();
    const retagged = logLines.map((l) => JSON.parse(l) as { msg: string; passages?: number }).filter((l) => l.msg === 'passages re-tagged for the new catalog');
    expect(retagged.map((l) => l.passages)).toEqual([1]);
    expect((await desk.handle({ type: 'message', text: 'programme QOS', platform: 'test' })).kind).toBe('card');
    await expectSameAsFresh(desk, [], 'after the catalog change');
  });

  it('a changed sidecar re-reads its document, and a restart notices one changed while it was down', async () => {
    write('alpha.md', `# Alpha\n\n${PARAGRAPHS[0]}\n`);
    write('alpha.md.yaml', 'title: Alpha as the sidecar names it\n');
    let desk = await openLive();
    expect(desk.library().corpus.documents[0]!.title).toBe('Alpha as the sidecar names it');
    write('alpha.md.yaml', 'title: Alpha renamed\nyear: 2024\n');
    await desk.reload();
    await expectSameAsFresh(desk, [], 'sidecar edited');
    expect(desk.library().corpus.documents[0]!.title).toBe('Alpha renamed');
    await desk.idle();
    closeDesk(desk);
    write('alpha.md.yaml', 'title: Alpha renamed offline\n');
    desk = await openLive();
    expect(desk.library().corpus.documents[0]!.title).toBe('Alpha renamed offline');
    await expectSameAsFresh(desk, [], 'sidecar edited while down');
  });

  it('clears away a snapshot left half-written by a process that is gone', async () => {
    write('alpha.md', `# Alpha\n\n${PARAGRAPHS[0]}\n`);
    let dead = 4_000_000;
    while (isAlive(dead)) dead++;
    const abandoned = path.join(dataDir, `${SNAPSHOT_FILE}.${dead}.tmp`);
    fs.writeFileSync(abandoned, 'half a snapshot');
    const desk = await openLive();
    await desk.idle();
    expect(fs.existsSync(abandoned)).toBe(false);
    expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, SNAPSHOT_FILE))).toBe(true);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Edits the JSON part and writes a matching trailer: a well-formed snapshot with other content. */
function resign(bytes: Buffer, edit: (json: string) => string): Buffer {
  const cut = bytes.lastIndexOf(0x0a);
  const trailer = JSON.parse(bytes.subarray(cut + 1).toString('utf8')) as { json: number };
  const json = Buffer.from(edit(bytes.subarray(0, trailer.json).toString('utf8')));
  const payload = Buffer.concat([json, bytes.subarray(trailer.json, cut)]);
  const sha256 = createHash('sha256').update(payload).digest('hex');
  return Buffer.concat([payload, Buffer.from(`\n${JSON.stringify({ bytes: payload.length, json: json.length, sha256 })}`)]);
}
