import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus, CorpusError, MAX_DOCUMENT_BYTES } from '../../src/corpus/load.js';
import { silentLogger } from '../../src/log.js';
import { ILO_DIR } from '../fixtures/paths.js';

const dirs: string[] = [];
function seeds(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-seeds-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the bundled ILO paper', () => {
  it('is split into cited passages under its headings, notes included, markers removed', async () => {
    const corpus = await loadCorpus(ILO_DIR, silentLogger);
    const doc = corpus.documents.find((d) => d.file === 'ilo-key-issues-hld-2006.md')!;
    expect(doc.title).toMatch(/High-Level Dialogue on International Migration and Development, 2006/);
    expect(doc.publisher).toMatch(/International Labour Office/);
    const protection = corpus.passages.filter((p) => p.section === 'A. Key issues to be taken up at the High-Level Dialogue › 3. Protection and integration of migrant workers: an unfinished agenda');
    expect(protection.length).toBe(4);
    expect(protection[1]!.text).toMatch(/^The ILO's Conventions and Recommendations still constitute/);
    const note9 = corpus.passages.find((p) => p.section === 'Notes › Note 9')!;
    expect(note9.text).toMatch(/absence of a multilateral framework for governing the cross-border movement of people/);
    for (const p of corpus.passages) {
      expect(p.text).not.toMatch(/<sup>|\*\w|\w\*/);
    }
    // Ids are stable and unique: the same file gives the same ids.
    const again = await loadCorpus(ILO_DIR, silentLogger);
    expect(again.passages.map((p) => p.id)).toEqual(corpus.passages.map((p) => p.id));
    expect(new Set(corpus.passages.map((p) => p.id)).size).toBe(corpus.passages.length);
  });

  it('keeps a bullet list together with its lead-in line, and rejoins paragraphs split by a page break', async () => {
    const corpus = await loadCorpus(ILO_DIR, silentLogger);
    const list = corpus.passages.find((p) => p.text.startsWith('The following are main areas of ILO activity'))!;
    expect(list.text.split('\n')).toHaveLength(7);
    expect(list.text).toContain('- Special action programmes to combat trafficking and forced labour');
    expect(corpus.passages.some((p) => p.text.includes('was completed in 2003 with support from the Netherlands'))).toBe(true);
  });
});

describe('bad input never stops the rest', () => {
  it('skips empty, binary, oversized files and reads broken front matter without it, naming each file', async () => {
    const dir = seeds({
      'good.md': '---\ntitle: Good paper\nyear: 2020\n---\n# Ignored H1\n\n## Scope\n\nThe good paper talks about seasonal workers.\n',
      'empty.md': '   \n\n',
      'picture.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02, 0x03]),
      'huge.md': Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 'a'),
      'broken.md': '---\ntitle: [unclosed\n---\n\nBroken front matter but the text about pensions survives.\n',
      'nested/deeper/notes.txt': 'Plain text notes about recruitment fees.\n\nSecond paragraph.',
      'ignored.pdf': 'not read',
    });
    const corpus = await loadCorpus(dir, silentLogger);
    expect(corpus.documents.map((d) => d.file).sort()).toEqual(['broken.md', 'good.md', 'nested/deeper/notes.txt']);
    const good = corpus.documents.find((d) => d.file === 'good.md')!;
    expect(good.title).toBe('Good paper');
    expect(good.year).toBe(2020);
    expect(corpus.passages.find((p) => p.doc === good.slug)!.section).toBe('Scope');
    expect(corpus.passages.some((p) => p.text.includes('pensions survives'))).toBe(true);
    const warnings = corpus.warnings.join('\n');
    expect(warnings).toMatch(/empty\.md: is empty/);
    expect(warnings).toMatch(/picture\.txt: looks like a binary file/);
    expect(warnings).toMatch(/huge\.md: larger than/);
    expect(warnings).toMatch(/broken\.md: front matter ignored: invalid YAML/);
  });

  it('never runs code in front matter (---js is just an unparsed line)', async () => {
    const dir = seeds({ 'evil.md': '---js\n{ title: (function(){ globalThis.pwned = true; return "x" })() }\n---\n\nText about visas.\n' });
    const corpus = await loadCorpus(dir, silentLogger);
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
    expect(corpus.passages.some((p) => p.text.includes('Text about visas'))).toBe(true);
    expect(corpus.passages.some((p) => p.text.includes('pwned'))).toBe(false);
    expect(corpus.warnings.join('\n')).toMatch(/evil\.md: front matter marked ---js is not YAML; it was skipped, not run/);
  });

  it('with no documents at all, fails once and says where it looked', async () => {
    const dir = seeds({ 'readme.pdf': 'x', 'empty.md': '' });
    await expect(loadCorpus(dir, silentLogger)).rejects.toThrow(CorpusError);
    await expect(loadCorpus(dir, silentLogger)).rejects.toThrow(new RegExp(`No documents to answer from in ${dir.replace(/[/\\]/g, '.')}.*empty\\.md: is empty`));
    await expect(loadCorpus(path.join(dir, 'missing'), silentLogger)).rejects.toThrow(/Cannot read the documents folder .*missing \(SEEDS_DIR\): ENOENT/);
  });
});
