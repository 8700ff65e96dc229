// Questions about the documents' structure get structural answers: outlines and sections from
// headings (with no catalog at all), and the catalog's lists when there is one.

import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDesk, type Desk } from '../../src/desk.js';
import { silentLogger } from '../../src/log.js';
import { ask, useTwoDesks } from './two-desks.js';
import { ILO_DIR } from '../fixtures/paths.js';

const desks = useTwoDesks();

/** A desk on a temporary folder that `files` fills, for the length of `run`. */
async function withDeskOn(files: (dir: string) => void, run: (desk: Desk) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-structure-'));
  try {
    files(dir);
    const desk = await openDesk({ seedsDir: dir, dataDir: ':memory:', log: silentLogger });
    try {
      await run(desk);
    } finally {
      desk.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('structure questions', () => {
  it('lists the key issues from the catalog', async () => {
    const reply = await ask(desks.ilo, 'What are the key issues?');
    expect(reply).toMatchObject({ kind: 'list', title: 'Key issues', answered: true, confidence: 'high' });
    expect(reply.fields).toHaveLength(4);
    expect(reply.fields[0]!.name).toMatch(/Equitable sharing of gains/);
    // The paper's own subject ("for the High-Level Dialogue") does not narrow the list.
    expect((await ask(desks.ilo, 'What are the four key issues for the High-Level Dialogue?')).fields).toHaveLength(4);
    // Typed as a search, without the question around it.
    for (const terse of ['key issues', 'Key issues for the High Level Dialogue pls']) expect((await ask(desks.ilo, terse)).fields, terse).toHaveLength(4);
    expect((await ask(desks.ilo, 'issues of remittance costs')).kind).not.toBe('list');
  });

  it('quotes the key issues from the document that sets them out, not from a note filed before it that touches one', async () => {
    const files = (dir: string) => {
      fs.cpSync(ILO_DIR, dir, { recursive: true });
      // "a-…" is read first; it names one key issue (the multilateral framework) in passing.
      fs.writeFileSync(path.join(dir, 'a-unit-note.md'), '# The migration unit\n\n## Priorities\n\nSince 2004 the unit has worked mostly on drafting the non-binding multilateral framework.\n');
    };
    await withDeskOn(files, async (desk) => {
      const reply = await ask(desk, 'What are the key issues?');
      expect(reply.fields).toHaveLength(4);
      expect(reply.citations[0]!.document).toMatch(/High-Level Dialogue/);
    });
  });

  it('lists the conventions a paper mentions', async () => {
    const reply = await ask(desks.ilo, 'Which conventions does the paper mention?');
    expect(reply.title).toBe('Conventions and instruments');
    expect(reply.fields.map((f) => f.name).join('\n')).toMatch(/Migrant Workers \(Supplementary Provisions\) Convention/);
  });

  it('lists programmes, narrowed to a topic when the question names one', async () => {
    const all = await ask(desks.ilo, 'What programmes does the ILO run on migration?');
    expect(all.title).toBe('Programmes, projects and bodies');
    const trafficking = await ask(desks.ilo, 'What programmes does the ILO run on trafficking?');
    expect(trafficking.fields.length).toBeGreaterThan(0);
    expect(trafficking.fields.length).toBeLessThan(all.fields.length);
    expect(trafficking.text).toMatch(/are about trafficking/);
    for (const f of trafficking.fields) expect(`${f.name} ${f.value}`).toMatch(/traffick|forced labour/i);
  });

  it('still answers a question that only starts like a list ("Which agencies belong to …?")', async () => {
    const reply = await ask(desks.ilo, 'Which agencies belong to the Geneva Migration Group?');
    expect(reply.kind).not.toBe('list');
    expect(reply.citations[0]!.quote).toMatch(/ILO, IOM, UNHCR/);
  });

  it('quotes a section by its number', async () => {
    const reply = await ask(desks.ilo, 'What does section B.3 say?');
    expect(reply).toMatchObject({ kind: 'list', answered: true, confidence: 'high' });
    expect(reply.title).toBe('Section B.3: 3. Technical cooperation');
    expect(reply.citations.length).toBeGreaterThan(0);
    for (const c of reply.citations) {
      expect(c.section).toBe('B. ILO responses › 3. Technical cooperation');
      expect(c.passage.startsWith(c.quote)).toBe(true);
    }
  });

  it('finds sections by number and by heading in a document with no catalog', async () => {
    const byNumber = await ask(desks.notes, 'What does section B.2 say?');
    expect(byNumber.citations[0]!.section).toBe('B. Instruments › 2. Co-operation between countries');
    const byHeading = await ask(desks.notes, 'What does the section on recruitment fees say?');
    expect(byHeading.citations[0]!.section).toBe('3. Recruitment fees');
  });

  it.each([
    "What does the section 'Working time and rest' cover?",
    'What does the working time and rest section say?',
    '(0) what does the section on working time and rest say',
    'section on working time and rest',
    'please, the part about working time and rest',
  ])('finds a section by its heading however it is asked: %j', async (question) => {
    const reply = await ask(desks.notes, question);
    expect(reply).toMatchObject({ kind: 'list', confidence: 'high' });
    expect(reply.citations[0]!.section).toBe('2. Working time and rest');
  });

  it('answers "What is the fourth key issue?" with the fourth heading under the one that names it', async () => {
    const fourth = await ask(desks.ilo, 'What is the fourth key issue for the High-Level Dialogue?');
    expect(fourth).toMatchObject({ kind: 'list', confidence: 'high' });
    expect(fourth.title).toMatch(/^The fourth key issue: 4\. A multilateral framework/);
    // Digits and words alike.
    expect((await ask(desks.ilo, 'the 2nd key issue')).title).toMatch(/2\. Policies for orderly migration/);
    // Any document's headings, no catalog needed.
    expect((await ask(desks.notes, 'What is the second instrument in the note on seafarers?')).title).toMatch(/2\. Co-operation between countries/);
    // No heading names the thing, or it has no such part: the question is searched as usual.
    expect((await ask(desks.ilo, 'What is the first step?')).kind).not.toBe('list');
    expect((await ask(desks.ilo, 'What is the ninth key issue?')).kind).not.toBe('list');
  });

  it('counts unnumbered headings in reading order for "the second …", under a numbered parent too', async () => {
    const files = (dir: string) => fs.writeFileSync(path.join(dir, 'note.md'), '# Seasonal work note\n\n## A. Main risks\n\n### Heat stress\n\nWorkers in the fields face heat stress in summer.\n\n### Debt bondage\n\nRecruitment debts bind workers to one employer.\n');
    await withDeskOn(files, async (desk) => {
      const reply = await ask(desk, 'What is the second main risk?');
      expect(reply.kind).toBe('list');
      expect(reply.citations[0]!.quote).toMatch(/Recruitment debts/);
    });
  });

  it('answers a question that is a heading, as copied from an outline, with that section', async () => {
    for (const question of ['Working time and rest', '(0) working time and rest?', "What does 'Working time and rest' cover?"]) {
      const reply = await ask(desks.notes, question);
      expect(reply, question).toMatchObject({ kind: 'list', confidence: 'high' });
      expect(reply.citations[0]!.section, question).toBe('2. Working time and rest');
      // The heading is said once, as the document writes it.
      expect(reply.title, question).toBe('Section: 2. Working time and rest');
    }
    // Words of a heading that are not the whole of it, nor its start, are searched as usual.
    expect((await ask(desks.notes, 'working time')).kind).not.toBe('list');
  });

  it('finds the headings of the documents as they are after a change', async () => {
    let folder = '';
    const note = (heading: string) => `# Note\n\n## ${heading}\n\nSeasonal workers pick fruit.\n`;
    const files = (dir: string) => {
      folder = dir;
      fs.writeFileSync(path.join(dir, 'note.md'), note('Harvest season rules'));
    };
    await withDeskOn(files, async (desk) => {
      expect((await ask(desk, 'Harvest season rules')).kind).toBe('list');
      fs.writeFileSync(path.join(folder, 'note.md'), note('Picking season rules'));
      await desk.reload();
      expect((await ask(desk, 'Picking season rules')).kind).toBe('list');
      expect((await ask(desk, 'Harvest season rules')).kind).not.toBe('list');
    });
  });

  it('finds a heading by its first three words or more, or by the same words in other forms, when one heading fits', async () => {
    const note = [
      '# Treaty note', '', '## Who it protects and whom it leaves out', '', 'Frontier workers are covered.', '',
      '## How the Agreement treats people who move', '', 'Four modes of supply are described.', '',
      '## Who it leaves out', '', 'Seafarers are excluded.', '',
      '## What members offered first', '', 'Intra-corporate transferees.', '', '## What members offered later', '', 'Contractual suppliers.', '',
    ].join('\n');
    await withDeskOn((dir) => fs.writeFileSync(path.join(dir, 'note.md'), note), async (desk) => {
      const start = await ask(desk, 'Who it protects');
      expect(start.kind).toBe('list');
      expect(start.citations[0]!.quote).toMatch(/Frontier workers/);
      const forms = await ask(desk, 'How does the Agreement treat people who move?');
      expect(forms.kind).toBe('list');
      expect(forms.citations[0]!.quote).toMatch(/Four modes/);
      // Two words start too many headings; three that start two headings name neither.
      expect((await ask(desk, 'Who it')).kind).not.toBe('list');
      expect((await ask(desk, 'What members offered')).kind).not.toBe('list');
    });
  });

  it('finds a section by its quoted heading however the question goes on', async () => {
    const about = await ask(desks.notes, "What is the section 'Working time and rest' about?");
    expect(about).toMatchObject({ kind: 'list', confidence: 'high' });
    expect(about.title).toMatch(/Working time and rest/);
    expect((await ask(desks.notes, "What does the 'Live-in workers' part open with?")).title).toMatch(/Live-in workers/);
    // A quoted phrase that is no heading is searched as usual.
    expect((await ask(desks.notes, "What does the section 'holiday pay' say?")).kind).not.toBe('list');
  });

  it('leads a section with the passage that speaks to the rest of the question', async () => {
    const plain = await ask(desks.ilo, 'What does section A.1 say?');
    const focused = await ask(desks.ilo, 'Which state interventions does section A.1 suggest, such as monitoring recruitment?');
    expect(focused.title).toBe(plain.title);
    expect(focused.citations[0]!.passage).not.toBe(plain.citations[0]!.passage);
    expect(focused.citations[0]!.passage).toMatch(/monitor recruitment/);
  });

  it('answers "Which section covers …?" with the section whose heading says so', async () => {
    const reply = await ask(desks.notes, 'Which section covers working time and rest?');
    expect(reply).toMatchObject({ kind: 'list', confidence: 'high' });
    expect(reply.title).toMatch(/2\. Working time and rest/);
    // No heading says so: the question is searched as usual.
    expect((await ask(desks.notes, 'Which section covers the weather in Paris?')).kind).not.toBe('list');
  });

  it('quotes only the section whose heading is asked for', async () => {
    const reply = await ask(desks.notes, "What does the 'Private agencies' section say?");
    expect(reply.citations.map((c) => c.section)).toEqual(expect.arrayContaining(['B. Instruments › 1. Private agencies']));
    expect(new Set(reply.citations.map((c) => c.section)).size).toBe(1);
  });

  it('gives the outline of a document named by its title, from its headings', async () => {
    const reply = await ask(desks.notes, 'Give me an outline of the note on fair recruitment of seafarers');
    expect(reply.title).toBe('Outline: Fair recruitment of seafarers and fishers');
    expect(reply.fields.map((f) => f.name.trim())).toEqual(['A. Background', 'B. Instruments', '1. Private agencies', '2. Co-operation between countries', '3. Numbers']);
    // Nested headings are indented under their parent.
    expect(reply.fields[2]!.name).toBe('  1. Private agencies');
  });

  it('answers "What are the key issues?" from headings when there is no catalog', async () => {
    const reply = await ask(desks.notes, 'What are the key issues?');
    expect(reply).toMatchObject({ kind: 'list', title: 'What the documents take up', confidence: 'high' });
    expect(reply.fields.find((f) => f.name === 'Fair recruitment of seafarers and fishers')!.value).toBe('A. Background\nB. Instruments');
    const one = await ask(desks.notes, 'Give me an outline of the domestic workers convention');
    expect(one.fields.map((f) => f.name)).toEqual(['1. Scope', '2. Working time and rest', '3. Recruitment fees', '4. Live-in workers']);
  });
});
