// Word files written without heading styles: their headings are short paragraphs set in bold or
// in a larger size, and they still give every passage its section.

import { describe, expect, it } from 'vitest';
import { readDocx } from '../../src/corpus/docx.js';
import { toParsedDocument } from '../../src/corpus/document.js';
import { makeDocx } from './make-docx.js';

describe('a Word file with no heading styles', () => {
  it('takes headings from large and from bold short paragraphs, ranked by size', async () => {
    const bytes = makeDocx([
      { text: 'Recruitment of Domestic Workers', size: 20 },
      { text: 'Background', size: 14, bold: true },
      { text: 'Agencies place many migrant domestic workers in homes abroad.', size: 11 },
      { text: 'Fees', bold: true, size: 11 },
      { text: 'Some agencies charge workers fees of several months of wages.', size: 11 },
      { text: 'This paragraph has a bold word but is ordinary text, and long enough to read as such.', size: 11 },
    ]);
    const doc = toParsedDocument(await readDocx(bytes));
    expect(doc.h1).toBe('Recruitment of Domestic Workers');
    expect(doc.passages.map((p) => [p.headings.join(' › '), p.text.slice(0, 20)])).toEqual([
      ['Background', 'Agencies place many '],
      ['Background › Fees', 'Some agencies charge'],
      ['Background › Fees', 'This paragraph has a'],
    ]);
  });

  it('with heading styles, uses only them (a bold sentence stays text)', async () => {
    const bytes = makeDocx([
      { text: 'Overview', style: 'Heading1' },
      { text: 'Short bold line', bold: true },
      { text: 'Circular migration lets workers return home between contracts.' },
    ]);
    const doc = toParsedDocument(await readDocx(bytes));
    expect(doc.passages.map((p) => p.text)).toContain('Short bold line');
  });
});
