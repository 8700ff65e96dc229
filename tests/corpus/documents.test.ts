// Documents in every format through the desk: answers cite the printed page, parsed files are
// cached by content (restarts never parse an unchanged file again; a damaged entry is parsed
// anew), sidecar metadata, live reload of a PDF, and renderers that show "p. 4".

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import { forgetParsedInMemory } from '../../src/corpus/cache.js';
import { SNAPSHOT_FILE } from '../../src/library/snapshot.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { createLogger, silentLogger } from '../../src/log.js';
import { watchFolder, type Watcher } from '../../src/watch.js';
import { toJson } from '../../adapters/reply-json.js';
import { renderText } from '../../adapters/cli/render.js';
import { renderReply as slackReply } from '../../adapters/slack/render.js';
import { renderReply as discordReply } from '../../adapters/discord/render.js';
import { EVAL_DIR, ILO_DIR } from '../fixtures/paths.js';
import { loadSplit } from '../eval/metrics.js';
import { SAMPLES } from './ground-truth.js';
import { makePdf, paragraph } from './make-pdf.js';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).reverse().forEach((f) => f()));

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function deskOn(seeds: string, dataDir = ':memory:'): Promise<Desk> {
  const desk = await openDesk({ seedsDir: seeds, dataDir });
  cleanup.push(() => desk.close());
  return desk;
}

const ask = (desk: Desk, text: string) => desk.handle({ type: 'message', text, platform: 'test' });
const REMITTANCES = 'Are remittances bigger than development aid?';

function iloAsPdf(): string {
  const dir = tempDir('pd-pdf-');
  fs.copyFileSync(path.join(ILO_DIR, 'catalog.yaml'), path.join(dir, 'catalog.yaml'));
  fs.copyFileSync(`${SAMPLES}/ilo-report-footnotes.pdf`, path.join(dir, 'ilo-report.pdf'));
  return dir;
}

describe('a PDF in the documents folder', () => {
  it('answers with the exact sentences and the printed page, in JSON and in every renderer', async () => {
    const desk = await deskOn(iloAsPdf());
    const reply = await ask(desk, REMITTANCES);
    expect(reply.answered).toBe(true);
    expect(reply.citations[0]!.quote).toMatch(/remittances are now a bigger flow than development aid/);
    expect(reply.citations[0]!.page).toBe('2');
    for (const c of reply.citations) expect(c.page).toMatch(/^\d+(–\d+)?$/);
    expect(toJson(reply, REMITTANCES).citations[0]).toMatchObject({ page: '2' });
    expect(renderText(reply).replace(/\s+/g, ' ')).toMatch(/Equitable sharing of gains of international labour migration, p\. 2 \[/);
    expect(JSON.stringify(slackReply(reply).blocks)).toContain('p. 2');
    expect(slackReply(reply).text).toContain('p. 2)');
    expect(JSON.stringify(discordReply(reply))).toContain('p. 2');
    expect((await ask(desk, 'sources')).fields[0]!.value).toMatch(/ilo-report\.pdf · 9 pages/);
    const notes = await ask(desk, 'search World Conference against Racism Durban');
    expect(notes.citations.some((c) => c.section === 'Notes › Note 8' && c.page === '4')).toBe(true);
  });

  it('formats without pages leave the page out', async () => {
    const desk = await deskOn(ILO_DIR);
    const reply = await ask(desk, REMITTANCES);
    expect(reply.citations[0]!.page).toBeUndefined();
    expect(toJson(reply, REMITTANCES).citations[0]).not.toHaveProperty('page');
    expect(renderText(reply)).not.toMatch(/\bp\. \d/);
  });
});

describe('the evaluation corpus with the ILO paper as a PDF', () => {
  it('cites a page for every PDF passage in every answer to the tuning questions, commands and structure questions', async () => {
    const seeds = tempDir('pd-evalpdf-');
    fs.cpSync(EVAL_DIR, seeds, { recursive: true });
    fs.rmSync(path.join(seeds, 'ilo-key-issues-hld-2006.md'));
    fs.copyFileSync(`${SAMPLES}/ilo-report-footnotes.pdf`, path.join(seeds, 'ilo-report.pdf'));
    const desk = await deskOn(seeds);
    const pdfTitle = desk.library().corpus.documents.find((d) => d.format === 'pdf')!.title;
    let cited = 0;
    // Structure questions and commands build their citations elsewhere than answers do.
    const structural = ['What does section A.2 say?', `Give me an outline of ${pdfTitle}`, 'search remittances', 'convention C143', 'What are the key issues?', 'issue 1'];
    for (const q of [...loadSplit('tune').inScope.map((item) => item.q), ...structural]) {
      for (const c of (await ask(desk, q)).citations) {
        if (c.document !== pdfTitle) continue;
        cited++;
        expect(c.page, `${q} → ${c.id}`).toMatch(/^\d+(–\d+)?$/);
      }
    }
    expect(cited).toBeGreaterThan(100);
  });
});

describe('parsed documents are cached by content', () => {
  it('a restart reads an unchanged PDF from the cache, and a damaged entry is parsed again', async () => {
    const seeds = iloAsPdf();
    const data = tempDir('pd-data-');
    // Without the saved index (which would spare a restart even the cache), as after an upgrade.
    const restart = async (desk: Desk) => {
      await desk.idle();
      fs.rmSync(path.join(data, SNAPSHOT_FILE), { force: true });
      forgetParsedInMemory();
      return deskOn(seeds, data);
    };
    const first = await deskOn(seeds, data);
    const entries = fs.readdirSync(path.join(data, 'parsed'));
    expect(entries).toHaveLength(1);
    const entry = path.join(data, 'parsed', entries[0]!);

    // Mark the cached text: a restart that answers with the mark did not parse the file again.
    const cached = JSON.parse(fs.readFileSync(entry, 'utf8'));
    for (const p of cached.passages) p.text = p.text.replace('bigger flow than development aid', 'bigger flow than aid (from the cache)');
    fs.writeFileSync(entry, JSON.stringify(cached));
    const restarted = await restart(first);
    expect((await ask(restarted, REMITTANCES)).citations[0]!.quote).toMatch(/\(from the cache\)/);

    fs.writeFileSync(entry, '{"passages": [tru');
    const repaired = await restart(restarted);
    expect((await ask(repaired, REMITTANCES)).citations[0]!.quote).toMatch(/bigger flow than development aid/);
    expect(JSON.parse(fs.readFileSync(entry, 'utf8')).passages.length).toBeGreaterThan(50);
  });

  it('keeps only the parses the folder still uses: an edited or deleted file leaves no stale copy, a broken one keeps its verdict', async () => {
    const seeds = tempDir('pd-prune-');
    const data = tempDir('pd-prune-data-');
    const brief = (words: string) => makePdf([paragraph(`Wage theft from seasonal workers is most often ${words}.`, 60, 700).runs]);
    fs.writeFileSync(path.join(seeds, 'brief.pdf'), brief('unpaid overtime at harvest time'));
    fs.writeFileSync(path.join(seeds, 'other.pdf'), brief('unpaid travel time to the fields'));
    fs.writeFileSync(path.join(seeds, 'broken.pdf'), '%PDF-1.4\nnot a real pdf at all');
    const desk = await deskOn(seeds, data);
    const parsed = () => fs.readdirSync(path.join(data, 'parsed')).sort();
    const atStart = parsed();
    expect(atStart).toHaveLength(3);

    fs.writeFileSync(path.join(seeds, 'brief.pdf'), brief('missing rest days in the picking season'));
    await desk.reload();
    const afterEdit = parsed();
    expect(afterEdit).toHaveLength(3);
    expect(afterEdit.filter((k) => !atStart.includes(k))).toHaveLength(1);

    fs.rmSync(path.join(seeds, 'other.pdf'));
    await desk.reload();
    expect(parsed()).toHaveLength(2);
    // The broken file's failure is still remembered: it is not read again until it changes.
    expect(parsed().map((k) => JSON.parse(fs.readFileSync(path.join(data, 'parsed', k), 'utf8')).failure).filter(Boolean)).toHaveLength(1);
    expect((await ask(desk, 'search wage theft')).citations[0]?.quote).toMatch(/missing rest days/);
  });

  it('an edited file is parsed again, and the edition follows its bytes', async () => {
    const seeds = tempDir('pd-edit-');
    const file = path.join(seeds, 'brief.pdf');
    fs.writeFileSync(file, makePdf([paragraph('Wage theft from seasonal workers is most often unpaid overtime at harvest time.', 60, 700).runs]));
    const first = await loadCorpus(seeds, silentLogger);
    fs.writeFileSync(file, makePdf([paragraph('Wage theft from seasonal workers is most often unpaid travel time to the fields.', 60, 700).runs]));
    const second = await loadCorpus(seeds, silentLogger);
    expect(second.passages[0]!.text).toMatch(/unpaid travel time/);
    expect(second.hash).not.toBe(first.hash);
  });
});

describe('sidecar metadata', () => {
  it('sets what the file gets wrong, changes the edition, and is not taken for a catalog file', async () => {
    const seeds = tempDir('pd-side-');
    fs.copyFileSync(path.join(ILO_DIR, 'catalog.yaml'), path.join(seeds, 'catalog.yaml'));
    fs.copyFileSync(`${SAMPLES}/ilo-report.docx`, path.join(seeds, 'report.docx'));
    const plain = await loadCorpus(seeds, silentLogger);
    fs.writeFileSync(path.join(seeds, 'report.docx.yaml'), 'title: ILO paper for the HLD\npublisher: International Labour Office\nyear: 2006\nsource: https://www.ilo.org/hld-2006\n');
    const desk = await deskOn(seeds);
    const doc = desk.library().corpus.documents[0]!;
    expect(doc).toMatchObject({ title: 'ILO paper for the HLD', publisher: 'International Labour Office', year: 2006, source: 'https://www.ilo.org/hld-2006' });
    expect(desk.library().corpus.hash).not.toBe(plain.hash);
    expect((await ask(desk, REMITTANCES)).citations[0]!.document).toBe('ILO paper for the HLD');
  });

  it('a bad field is named, and the document keeps its own metadata', async () => {
    const seeds = tempDir('pd-side-');
    fs.copyFileSync(`${SAMPLES}/ilo-report.docx`, path.join(seeds, 'report.docx'));
    fs.writeFileSync(path.join(seeds, 'report.docx.yaml'), 'title: Better title\nyear: last year\nauthor: someone\n');
    const corpus = await loadCorpus(seeds, silentLogger);
    const warnings = corpus.warnings.join('\n');
    expect(warnings).toMatch(/report\.docx\.yaml: field "year" must be a four-digit year/);
    expect(warnings).toMatch(/report\.docx\.yaml: unknown field "author"/);
    expect(corpus.documents[0]!.title).toMatch(/^Key issues for the United Nations High-Level Dialogue/);
  });
});

describe('files no reader takes', () => {
  it('are named once in the log, not on every reload', async () => {
    const seeds = tempDir('pd-kinds-');
    fs.writeFileSync(path.join(seeds, 'note.md'), '# Note\n\nText about pensions for migrant workers.\n');
    fs.writeFileSync(path.join(seeds, 'budget.xlsx'), 'PK');
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', write: (l) => lines.push(l) });
    await loadCorpus(seeds, log);
    const again = await loadCorpus(seeds, log);
    expect(lines.filter((l) => l.includes('budget.xlsx'))).toHaveLength(1);
    expect(again.warnings.join('\n')).toMatch(/budget\.xlsx: not a format Policy Desk reads/);
  });
});

describe('slow reading', () => {
  it('reports progress file by file, and logs one summary line with files, pages, passages and seconds', async () => {
    const seeds = tempDir('pd-slow-');
    fs.copyFileSync(`${SAMPLES}/ilo-report-footnotes.pdf`, path.join(seeds, 'a.pdf'));
    fs.copyFileSync(`${SAMPLES}/ilo-report.docx`, path.join(seeds, 'b.docx'));
    fs.writeFileSync(path.join(seeds, 'c.md'), '# Note\n\nText about pensions for migrant workers.\n');
    const progress: string[] = [];
    const lines: string[] = [];
    const log = createLogger({ level: 'info', format: 'json', write: (l) => lines.push(l) });
    // Everything counts as slow here, so the test does not depend on the machine's speed.
    await loadCorpus(seeds, log, { slowAfterMs: -1, onProgress: (read, total) => progress.push(`${read}/${total}`) });
    expect(progress).toEqual(['1/3', '2/3', '3/3']);
    const summary = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'documents read');
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ files: 3, documents: 3, pages: 9 });
    expect(summary[0].passages).toBeGreaterThan(100);
    expect(typeof summary[0].seconds).toBe('number');
  });
});

describe('live reload', () => {
  let watcher: Watcher | undefined;
  afterEach(() => watcher?.close());

  it('picks up a PDF dropped into the folder, then its deletion', async () => {
    const seeds = tempDir('pd-live-');
    fs.cpSync(ILO_DIR, seeds, { recursive: true });
    const desk = await deskOn(seeds);
    watcher = watchFolder(seeds, () => void desk.reload(), { debounceMs: 50 });
    const question = 'How often can pickers in the quokka orchard scheme change employer?';
    expect((await ask(desk, question)).answered).toBe(false);

    const pdf = makePdf([[], paragraph('The quokka orchard scheme lets seasonal pickers change employer once per harvest, after a notice period of two weeks.', 60, 700).runs]);
    fs.writeFileSync(path.join(seeds, 'orchards.pdf'), pdf);
    await eventually(async () => (await ask(desk, question)).answered, 'the PDF answers');
    const reply = await ask(desk, question);
    expect(reply.citations[0]!.quote).toMatch(/once per harvest/);
    expect(reply.citations[0]!.page).toBe('2');

    fs.rmSync(path.join(seeds, 'orchards.pdf'));
    await eventually(async () => !(await ask(desk, question)).answered, 'the deleted PDF is gone');
  });
});

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
