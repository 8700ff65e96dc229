// Each sample against the ground truth: at least 95% of headings and of paragraphs and list
// items verbatim, every note found with its text, printed pages on every PDF passage, and no page
// furniture (running header, page numbers) in any passage.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMATS, formatFor } from '../../src/corpus/formats.js';
import { toParsedDocument, type ReadDocument } from '../../src/corpus/document.js';
import { readPdf } from '../../src/corpus/pdf/read.js';
import { readDocx } from '../../src/corpus/docx.js';
import { readHtml } from '../../src/corpus/html.js';
import { SAMPLES, groundTruth, score } from './ground-truth.js';

const TITLE = 'Key issues for the United Nations High-Level Dialogue on International Migration and Development, 2006';
const readers: Record<string, (b: Uint8Array) => Promise<ReadDocument>> = { pdf: readPdf, docx: readDocx, html: readHtml };
const samples = ['ilo-report-footnotes.pdf', 'ilo-report-word-export.pdf', 'ilo-report.docx', 'ilo-report-page.html'];

async function read(name: string): Promise<ReadDocument> {
  return readers[formatFor(name)!.name]!(new Uint8Array(fs.readFileSync(`${SAMPLES}/${name}`)));
}

describe.each(samples)('%s', (name) => {
  it('gives at least 95% of the headings and paragraphs verbatim, and every note', async () => {
    const doc = await read(name);
    const s = score(doc);
    expect(s.headings.found / s.headings.total, `missing headings: ${s.headings.missing.join(' | ')}`).toBeGreaterThanOrEqual(0.95);
    expect(s.paragraphs.found / s.paragraphs.total, `missing paragraphs: ${s.paragraphs.missing.map((m) => m.slice(0, 80)).join(' | ')}`).toBeGreaterThanOrEqual(0.95);
    expect(s.notes.missing).toEqual([]);
    expect(doc.meta.title).toBe(TITLE);
  });

  it('keeps the levels of the headings: sections and their subsections', async () => {
    const doc = await read(name);
    const truth = groundTruth().blocks.filter((b) => b.kind === 'heading');
    const levels = new Map(doc.blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.level!]));
    const byTruthLevel = (level: number) => new Set(truth.filter((b) => b.level === level).map((b) => levels.get(b.text)));
    // Every ground-truth level-2 heading shares one level, every level-3 one a deeper one.
    const two = [...byTruthLevel(2)];
    const three = [...byTruthLevel(3)];
    expect(two).toHaveLength(1);
    expect(three).toHaveLength(1);
    expect(three[0]!).toBeGreaterThan(two[0]!);
  });

  it('leaves page furniture out of the text', async () => {
    const doc = toParsedDocument(await read(name));
    for (const p of doc.passages) {
      expect(p.text).not.toMatch(/GB\.291\/ESP\/3|ILO · Key issues for the UN|cookie|Subscribe|Share:|↩|↑/);
      expect(p.text).not.toMatch(/^\d{1,2}$/);
    }
  });

  if (name.endsWith('.pdf')) {
    it('cites every passage, notes included, to its printed page', async () => {
      const doc = toParsedDocument(await read(name));
      for (const p of doc.passages) expect(p.page, p.text.slice(0, 60)).toMatch(/^\d+(–\d+)?$/);
      const remittances = doc.passages.find((p) => p.text.startsWith('It is probably true that remittances'))!;
      // WeasyPrint fits it on page 2; the Word export runs it on to page 3.
      expect(remittances.page).toBe(name === 'ilo-report-footnotes.pdf' ? '2' : '2–3');
      expect(doc.passages.find((p) => p.headings.join(' › ') === 'Notes › Note 9')!.page).toMatch(/^\d+$/);
    });
  } else {
    it('has no pages to cite', async () => {
      const doc = toParsedDocument(await read(name));
      expect(doc.passages.every((p) => p.page === undefined)).toBe(true);
    });
  }
});

describe('the format table', () => {
  it('has one reader per extension, and knows every sample by its extension', () => {
    const extensions = FORMATS.flatMap((f) => f.extensions);
    expect(new Set(extensions).size).toBe(extensions.length);
    for (const name of samples) expect(formatFor(name)).toBeDefined();
    expect(formatFor('notes.MD')!.name).toBe('markdown');
    expect(formatFor('sheet.xlsx')).toBeUndefined();
  });
});
