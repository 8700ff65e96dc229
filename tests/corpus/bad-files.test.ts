// Broken and hostile files cost themselves only: each is named in a warning that says why, and
// everything else in the folder is indexed. Read through the real loader, worker and all.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { forgetParsedInMemory } from '../../src/corpus/cache.js';
import { silentLogger } from '../../src/log.js';
import { SAMPLES } from './ground-truth.js';
import { makePdf, paragraph } from './make-pdf.js';

const dirs: string[] = [];
function folder(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-bad-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const sample = (name: string) => fs.readFileSync(`${SAMPLES}/${name}`);
const text = paragraph('Migrant domestic workers should have a written contract in a language they understand, setting out pay and hours.', 60, 700).runs;

describe('files that cannot be read', () => {
  it('are each named with the reason, and the good files are indexed', async () => {
    const pdf = sample('ilo-report-footnotes.pdf');
    const dir = folder({
      'good.pdf': pdf,
      'good.docx': sample('ilo-report.docx'),
      'corrupt.pdf': Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 0x5a)]),
      'scanned.pdf': makePdf([text, text], { imageOnly: true }),
      'locked.pdf': makePdf([text], { password: true }),
      'renamed.docx': pdf,
      'broken.docx': Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 1)]),
      'not-a-page.html': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      'figures.xlsx': 'a,b\n1,2\n',
    });
    const corpus = await loadCorpus(dir, silentLogger);
    expect(corpus.documents.map((d) => d.file).sort()).toEqual(['good.docx', 'good.pdf']);
    const warnings = corpus.warnings.join('\n');
    expect(warnings).toMatch(/corrupt\.pdf: is not a readable PDF \(damaged or not a PDF at all\); skipped/);
    expect(warnings).toMatch(/scanned\.pdf: has no text layer \(a scanned image\?\) on any of its 2 page\(s\); skipped/);
    expect(warnings).toMatch(/locked\.pdf: is protected by a password; skipped/);
    expect(warnings).toMatch(/renamed\.docx: is not a Word \.docx file \(it is a PDF: was it renamed\?\); skipped/);
    expect(warnings).toMatch(/broken\.docx: is not a readable Word file/);
    expect(warnings).toMatch(/not-a-page\.html: is not an HTML page/);
    expect(warnings).toMatch(/figures\.xlsx: not a format Policy Desk reads/);
    const pdfSlug = corpus.documents.find((d) => d.file === 'good.pdf')!.slug;
    expect(corpus.passages.filter((p) => p.doc === pdfSlug).every((p) => p.page)).toBe(true);
  });

  it('are remembered by content: a broken file is not parsed again until it changes', async () => {
    const dir = folder({ 'locked.pdf': makePdf([text], { password: true }), 'ok.md': '# Ok\n\nText about pensions.\n' });
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-bad-data-'));
    dirs.push(data);
    await loadCorpus(dir, silentLogger, { cacheDir: data });
    const entries = fs.readdirSync(data);
    expect(entries).toHaveLength(2);
    const entry = entries.find((e) => e.startsWith('pdf-'))!;
    // Change the remembered reason: a second load that shows it did not parse the file again.
    fs.writeFileSync(path.join(data, entry), JSON.stringify({ meta: {}, passages: [], problems: [], failure: 'is protected by a password (remembered)' }));
    forgetParsedInMemory();
    const again = await loadCorpus(dir, silentLogger, { cacheDir: data });
    expect(again.warnings.join('\n')).toMatch(/locked\.pdf: is protected by a password \(remembered\)/);
  });

  it('a truncated PDF is read as far as it goes, or named; never a crash', async () => {
    const pdf = sample('ilo-report-footnotes.pdf');
    const dir = folder({ 'truncated.pdf': pdf.subarray(0, Math.floor(pdf.length / 2)), 'ok.md': '# Ok\n\nText about pensions.\n' });
    const corpus = await loadCorpus(dir, silentLogger);
    const truncated = corpus.documents.find((d) => d.file === 'truncated.pdf');
    if (truncated) expect(truncated.passages).toBeGreaterThan(0);
    else expect(corpus.warnings.join('\n')).toMatch(/truncated\.pdf: /);
    expect(corpus.documents.some((d) => d.file === 'ok.md')).toBe(true);
  });

  it('a file over its format’s size cap is reported and skipped', async () => {
    const dir = folder({ 'big.pdf': sample('ilo-report-footnotes.pdf'), 'ok.md': '# Ok\n\nText about pensions.\n' });
    const corpus = await loadCorpus(dir, silentLogger, { maxBytes: { pdf: 50_000 } });
    expect(corpus.documents.map((d) => d.file)).toEqual(['ok.md']);
    expect(corpus.warnings.join('\n')).toMatch(/big\.pdf: larger than 49 KB, the limit for PDF files \(76 KB\); skipped/);
  });

  it('a file that takes longer than the time limit is skipped and named; the rest is indexed', async () => {
    // Bytes of its own, so no earlier test's cached parse stands in for it.
    const dir = folder({ 'slow.pdf': Buffer.concat([sample('ilo-report-footnotes.pdf'), Buffer.from('\n%slow\n')]), 'ok.md': '# Ok\n\nText about pensions.\n' });
    const corpus = await loadCorpus(dir, silentLogger, { timeLimitMs: 1 });
    expect(corpus.warnings.join('\n')).toMatch(/slow\.pdf: took longer than 0 s to read; skipped/);
    expect(corpus.documents.map((d) => d.file)).toEqual(['ok.md']);
    // The stopped reader leaves nothing behind: with the usual limit the same file is read.
    const again = await loadCorpus(dir, silentLogger);
    expect(again.documents.map((d) => d.file).sort()).toEqual(['ok.md', 'slow.pdf']);
    expect(again.documents.find((d) => d.file === 'slow.pdf')!.pages).toBe(9);
  });
});
