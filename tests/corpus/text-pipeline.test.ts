// The text pipeline on tiny inputs: joining printed lines (de-hyphenation with the document's own
// vocabulary), sentence splitting as quotes use it, Markdown cut into passages, and the
// blocks every reader produces turned into passages with their pages.

import { describe, expect, it } from 'vitest';
import { lineJoiner } from '../../src/corpus/hyphenation.js';
import { splitSentences } from '../../src/answer/sentences.js';
import { parseMarkdown } from '../../src/corpus/markdown.js';
import { toParsedDocument } from '../../src/corpus/document.js';
import { parseSidecar } from '../../src/corpus/sidecar.js';
import { readHtml } from '../../src/corpus/html.js';

describe('joining lines', () => {
  it('drops a typesetter’s hyphen (U+2010) and keeps the author’s ASCII ones', () => {
    const lines = ['The General As\u2010', 'sembly met. Development co-', 'operation and the High-', 'Level Dialogue.'];
    expect(lineJoiner(lines).join(lines)).toBe('The General Assembly met. Development co-operation and the High-Level Dialogue.');
  });

  it('in a document that breaks words with ASCII hyphens, rejoins words it spells whole elsewhere', () => {
    const lines = ['international migration and development in', 'the inter-', 'national debate; devel-', 'opment aid and the labour mar-', 'ket, and a market for development'];
    expect(lineJoiner(lines).join(lines.slice(1))).toBe('the international debate; development aid and the labour market, and a market for development');
  });

  it('keeps a hyphen the document writes elsewhere, and one before a capital', () => {
    const lines = ['a non-binding framework and', 'a non-', 'binding code for the ILO-', 'OECD meeting'];
    expect(lineJoiner(lines).join(lines.slice(1))).toBe('a non-binding code for the ILO-OECD meeting');
  });

  it('drops soft hyphens, and joins a URL broken at a slash or an em dash without a space', () => {
    const lines = ['recom\u00AD', 'mended at http://www.ilo.org/public/', 'report.pdf in June 2004—', 'the largest'];
    expect(lineJoiner(lines).join(lines)).toBe('recommended at http://www.ilo.org/public/report.pdf in June 2004—the largest');
  });
});

describe('sentence splitting', () => {
  it('ends sentences at full stops, not after abbreviations or initials', () => {
    const spans = splitSentences('Convention No. 97 applies. Mr. Somavia spoke, e.g. on skills. Lindsay B. Lowell wrote it.');
    expect(spans.map((s) => s.text)).toEqual(['Convention No. 97 applies.', 'Mr. Somavia spoke, e.g. on skills.', 'Lindsay B. Lowell wrote it.']);
  });

  it('keeps closing quotes with their sentence', () => {
    const spans = splitSentences('It said “a milestone.” Then it ended.');
    expect(spans.map((s) => s.text)).toEqual(['It said “a milestone.”', 'Then it ended.']);
  });
});

describe('Markdown', () => {
  it('cuts sections by heading, keeps a list with its lead-in, removes note markers', () => {
    const doc = parseMarkdown('# Title\n\n## Fees\n\nNo fees<sup>1</sup> for workers.\n\nThree rules:\n\n- one\n- two\n');
    expect(doc.h1).toBe('Title');
    expect(doc.passages).toEqual([
      { headings: ['Fees'], text: 'No fees for workers.' },
      { headings: ['Fees'], text: 'Three rules:\n- one\n- two' },
    ]);
  });
});

describe('blocks to passages', () => {
  it('gives each passage its headings and page span, lists with their lead-in, notes as their own section', () => {
    const doc = toParsedDocument({
      meta: {},
      blocks: [
        { kind: 'heading', level: 1, text: 'Report', pages: ['1', '1'] },
        { kind: 'heading', level: 2, text: 'Scope', pages: ['1', '1'] },
        { kind: 'paragraph', text: 'It covers two things:', pages: ['1', '1'] },
        { kind: 'item', text: 'fees', pages: ['1', '1'] },
        { kind: 'item', text: 'housing', pages: ['2', '2'] },
        { kind: 'heading', level: 3, text: 'Fees', pages: ['2', '2'] },
        { kind: 'paragraph', text: 'Fees are banned.', pages: ['2', '3'] },
      ],
      notes: [{ label: '1', text: 'See the guidelines.', page: '3' }],
    });
    expect(doc.h1).toBe('Report');
    expect(doc.passages).toEqual([
      { headings: ['Scope'], text: 'It covers two things:\n- fees\n- housing', page: '1–2' },
      { headings: ['Scope', 'Fees'], text: 'Fees are banned.', page: '2–3' },
      { headings: ['Notes', 'Note 1'], text: 'See the guidelines.', page: '3' },
    ]);
  });
});

describe('sidecar metadata', () => {
  it('takes title, publisher, year and source, and names anything else', () => {
    expect(parseSidecar('title: A\npublisher: B\nyear: 2006\nsource: https://x.org/a.pdf\n', 'a.pdf.yaml')).toEqual({ meta: { title: 'A', publisher: 'B', year: 2006, source: 'https://x.org/a.pdf' }, problems: [] });
    expect(parseSidecar('title: [unclosed\n', 'a.pdf.yaml').problems[0]).toMatch(/^a\.pdf\.yaml: invalid YAML/);
    expect(parseSidecar('- a\n- b\n', 'a.pdf.yaml').problems[0]).toMatch(/must be a set of key: value pairs/);
    expect(parseSidecar('title: 12\n', 'a.pdf.yaml').problems[0]).toMatch(/field "title" must be a non-empty text/);
    expect(parseSidecar('source: javascript:alert(1)\n', 'a.pdf.yaml').problems[0]).toMatch(/field "source" must be a web address/);
  });
});

describe('web pages', () => {
  it('drop boilerplate boxes inside the article but keep sections whose class only sounds like one', async () => {
    const page = '<html><head><title>Social protection</title></head><body><article><h1>Social protection</h1><div class="social-protection"><p>Migrant workers often lose pension rights when they move, unless the two countries have a social security agreement that counts their years of work.</p></div><div class="share-buttons"><p>Share this page on every network you know about today.</p></div></article></body></html>';
    const doc = await readHtml(new Uint8Array(Buffer.from(page)));
    const text = doc.blocks.map((b) => b.text).join(' ');
    expect(text).toContain('lose pension rights');
    expect(text).not.toContain('Share this page');
  });

  it('leave a superscript link to a section as text, not a note', async () => {
    const page = '<html><head><title>Visas</title></head><body><article><h1>Visas</h1><h2 id="s2">Permits</h2><p>Open permits let migrant workers change jobs within a sector, as section<sup><a href="#s2">2</a></sup> explains in more detail for each kind of permit.</p></article></body></html>';
    const doc = await readHtml(new Uint8Array(Buffer.from(page)));
    expect(doc.blocks.map((b) => b.text)).toContain('Permits');
    expect(doc.blocks.map((b) => b.text).join(' ')).toContain('as section2 explains');
    expect(doc.notes).toEqual([]);
  });

  it('take notes kept in <aside> elements, called by marked links, in the order they are called', async () => {
    const page = '<html><head><title>Visas</title></head><body><article><h1>Visas</h1><p>Work visas tied to one employer<a class="noteref" href="#n2">2</a> leave workers little room to leave abuse, while open permits<a class="noteref" href="#n1">1</a> let them change jobs within a sector of the economy.</p><aside id="n1">Open permits: see the 2019 review.</aside><aside id="n2">Tied visas: see the 2017 survey.</aside></article></body></html>';
    const doc = await readHtml(new Uint8Array(Buffer.from(page)));
    expect(doc.blocks.find((b) => b.kind === 'paragraph')!.text).toMatch(/^Work visas tied to one employer leave workers/);
    expect(doc.notes).toEqual([
      { label: '1', text: 'Tied visas: see the 2017 survey.' },
      { label: '2', text: 'Open permits: see the 2019 review.' },
    ]);
  });

  it('with bare superscript calls and a "Notes" list, take the calls out and the list as notes', async () => {
    const page = '<html><head><title>Fees</title></head><body><article><h1>Fees</h1><h2>Findings</h2><p>Most agencies charged workers a fee<sup>1</sup> before departure, often far above the legal limit set by the country of origin for such services.</p><h2>Notes</h2><ol><li>Survey of 300 workers, 2022.</li></ol></article></body></html>';
    const doc = await readHtml(new Uint8Array(Buffer.from(page)));
    expect(doc.blocks.find((b) => b.kind === 'paragraph')!.text).toMatch(/^Most agencies charged workers a fee before departure/);
    expect(doc.notes).toEqual([{ label: '1', text: 'Survey of 300 workers, 2022.' }]);
  });

  it('are decoded in the encoding they declare', async () => {
    const page = '<html><head><meta charset="windows-1252"><title>Caf\u00e9 workers</title></head><body><article><h1>Caf\u00e9 workers</h1><p>Migrant workers in caf\u00e9s and restaurants often work split shifts that are not counted as working time, and their pay slips rarely show the hours.</p></article></body></html>';
    const doc = await readHtml(new Uint8Array(Buffer.from(page, 'latin1')));
    expect(doc.meta.title).toBe('Caf\u00e9 workers');
    expect(doc.blocks.map((b) => b.text).join(' ')).toContain('caf\u00e9s and restaurants');
  });
});
