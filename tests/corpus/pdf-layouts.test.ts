// PDFs laid out as the samples are not: no bookmarks (headings from type size and weight),
// headings in capitals, endnotes under a "Notes" heading, "Page N of M" and "– N –" footers,
// page labels set by the file.

import { describe, expect, it } from 'vitest';
import { readPdf } from '../../src/corpus/pdf/read.js';
import { layoutPdf, UnreadableText } from '../../src/corpus/pdf/layout.js';
import { toParsedDocument } from '../../src/corpus/document.js';
import { makePdf, paragraph, type Run } from './make-pdf.js';

const LEFT = 60;
const FEES_1 =
  'Workers recruited for seasonal farm work often pay fees to agents in their home country before they travel, and these fees can reach several months of wages. The ILO considers that no recruitment fees should be charged to workers, a principle now written into its general guidelines on fair recruitment.';
const FEES_2 = 'Several governments have adopted non-binding codes of practice for agents. Such codes help, but the agents who charge the highest fees rarely sign them, and checks on';
const FEES_2_NEXT = 'recruitment agencies remain rare in most countries of origin.';
const HOUSING = 'Employers who house seasonal workers should meet the standards set for other housing in the region, including space, heating and safe water.';
const LIST_LEAD = 'Inspections found three common problems:';
const ITEMS = ['overcrowded rooms shared by more than six workers;', 'rents deducted from wages without agreement;', 'no heating in the early months of the season.'];
const NOTE_1 = 'ILO General principles and operational guidelines for fair recruitment, Geneva, 2019.';
const NOTE_2 = 'Survey of 400 seasonal workers in three countries, 2021.';

function header(page: number, total: number, style: 'page-of' | 'dashes'): Run[] {
  return [
    { text: 'Seasonal Work Review', x: LEFT, y: 805, size: 8 },
    { text: style === 'page-of' ? `Page ${page} of ${total}` : `– ${page} –`, x: 280, y: 30, size: 9 },
  ];
}

function reportPdf(style: 'page-of' | 'dashes' = 'page-of'): Buffer {
  const p1: Run[] = [...header(1, 3, style)];
  p1.push({ text: 'Seasonal Work in Agriculture:', x: LEFT, y: 760, size: 20, bold: true });
  p1.push({ text: 'A Review of Recruitment Practice', x: LEFT, y: 736, size: 20, bold: true });
  p1.push({ text: '1. RECRUITMENT FEES', x: LEFT, y: 690, size: 14, bold: true });
  const a = paragraph(FEES_1, LEFT, 660);
  p1.push(...a.runs);
  // A superscript note call after "guidelines", on the paragraph's last line.
  const last = a.runs[a.runs.length - 1]!;
  p1.push({ text: '1', x: LEFT + last.text.length * 5.6 + 2, y: last.y + 4, size: 7 });
  p1.push({ text: 'Fees charged to workers', x: LEFT, y: a.bottom - 34, size: 11, bold: true });
  const b = paragraph(FEES_2, LEFT, a.bottom - 56);
  p1.push(...b.runs);

  const p2: Run[] = [...header(2, 3, style)];
  p2.push(...paragraph(FEES_2_NEXT, LEFT, 760).runs);
  p2.push({ text: '2. HOUSING', x: LEFT, y: 715, size: 14, bold: true });
  const h = paragraph(HOUSING, LEFT, 685);
  p2.push(...h.runs);
  p2.push({ text: '2', x: LEFT + h.runs[h.runs.length - 1]!.text.length * 5.6 + 2, y: h.bottom + 4, size: 7 });
  let y = h.bottom - 28;
  p2.push({ text: LIST_LEAD, x: LEFT, y, size: 11 });
  for (const item of ITEMS) {
    y -= 20;
    p2.push({ text: '•', x: LEFT + 8, y, size: 11 }, { text: item, x: LEFT + 20, y, size: 11 });
  }

  const p3: Run[] = [...header(3, 3, style)];
  p3.push({ text: 'NOTES', x: LEFT, y: 760, size: 14, bold: true });
  p3.push({ text: `1. ${NOTE_1}`, x: LEFT, y: 730, size: 11 });
  p3.push({ text: `2. ${NOTE_2}`, x: LEFT, y: 710, size: 11 });
  return makePdf([p1, p2, p3]);
}

describe('a PDF without bookmarks', () => {
  it('takes headings from size and weight, capitals kept as printed, ranked into levels', async () => {
    const doc = toParsedDocument(await readPdf(reportPdf()));
    expect(doc.meta.title).toBe('Seasonal Work in Agriculture: A Review of Recruitment Practice');
    const sections = [...new Set(doc.passages.map((p) => p.headings.join(' › ')))];
    expect(sections).toEqual(['1. RECRUITMENT FEES', '1. RECRUITMENT FEES › Fees charged to workers', '2. HOUSING', 'Notes › Note 1', 'Notes › Note 2']);
  });

  it('joins a paragraph across a page break, with both pages, and keeps real hyphens', async () => {
    const doc = toParsedDocument(await readPdf(reportPdf()));
    const fees = doc.passages.find((p) => p.text.startsWith('Several governments'))!;
    expect(fees.text).toBe(`${FEES_2} ${FEES_2_NEXT}`);
    expect(fees.page).toBe('1–2');
    expect(fees.text).toContain('non-binding');
  });

  it('removes note calls from the sentences, and turns the endnotes into notes with their pages', async () => {
    const doc = toParsedDocument(await readPdf(reportPdf()));
    expect(doc.passages.find((p) => p.text.startsWith('Workers recruited'))!.text).toBe(FEES_1);
    expect(doc.passages.find((p) => p.text.startsWith('Employers who house'))!.text).toBe(HOUSING);
    const notes = doc.passages.filter((p) => p.headings[0] === 'Notes');
    expect(notes.map((n) => n.text)).toEqual([NOTE_1, NOTE_2]);
    expect(notes.map((n) => n.page)).toEqual(['3', '3']);
  });

  it('keeps a bullet list with its lead-in line', async () => {
    const doc = toParsedDocument(await readPdf(reportPdf()));
    expect(doc.passages.find((p) => p.text.startsWith(LIST_LEAD))!.text).toBe([LIST_LEAD, ...ITEMS.map((i) => `- ${i}`)].join('\n'));
  });

  for (const style of ['page-of', 'dashes'] as const) {
    it(`leaves running headers and ${style === 'page-of' ? '"Page N of M"' : '"– N –"'} footers out, and cites the printed page`, async () => {
      const doc = toParsedDocument(await readPdf(reportPdf(style)));
      for (const p of doc.passages) expect(p.text).not.toMatch(/Seasonal Work Review|Page \d of \d|– \d –/);
      expect(doc.passages.find((p) => p.text.startsWith('Employers who house'))!.page).toBe('2');
    });
  }
});

describe('bookmarks that do not match the printed headings', () => {
  it('are set aside, and the headings come from size and weight', async () => {
    const pdf = makePdf(
      [
        [
          { text: 'Skills recognition', x: LEFT, y: 760, size: 11, bold: true },
          ...paragraph('Recognition of foreign qualifications lets migrants work at the level they trained for.', LEFT, 735).runs,
          { text: 'Costs', x: LEFT, y: 690, size: 11, bold: true },
          ...paragraph('Assessment fees are a barrier for many workers on low wages.', LEFT, 665).runs,
        ],
      ],
      { outline: [{ title: 'Chapter 1', depth: 0 }, { title: 'Chapter 2', depth: 0 }] },
    );
    const doc = toParsedDocument(await readPdf(pdf));
    expect(doc.passages.map((p) => p.headings.join(' › '))).toEqual(['Skills recognition', 'Costs']);
  });
});

describe('page labels', () => {
  it('uses the labels the file sets (a report whose first page is numbered 5)', async () => {
    const pages = [1, 2].map((n) => paragraph(`Page ${n} text about wage protection for migrant domestic workers, which is the subject of this short brief.`, LEFT, 700).runs);
    const doc = toParsedDocument(await readPdf(makePdf(pages, { labels: [{ start: 5 }] })));
    expect(doc.passages.map((p) => p.page)).toEqual(['5', '6']);
  });
});

describe('bookmarks', () => {
  it('take precedence over typography and give the levels', async () => {
    const runs: Run[] = [
      { text: 'Overview', x: LEFT, y: 760, size: 11, bold: true },
      ...paragraph('Circular migration schemes let workers return home between contracts and come back later.', LEFT, 735).runs,
      { text: 'Evidence from pilots', x: LEFT, y: 690, size: 11, bold: true },
      ...paragraph('Pilot schemes in two regions showed higher return rates and fewer overstays than before.', LEFT, 665).runs,
    ];
    const outline = [
      { title: 'Overview', depth: 0 },
      { title: 'Evidence from pilots', depth: 1 },
    ];
    const doc = toParsedDocument(await readPdf(makePdf([runs], { outline })));
    expect(doc.passages.map((p) => p.headings.join(' › '))).toEqual(['Overview', 'Overview › Evidence from pilots']);
  });
});

describe('a tagged PDF', () => {
  it('takes its headings and their levels from the structure tree, whatever their type', async () => {
    // Headings set in the body's own size and weight: only the tags say what they are.
    const runs: Run[] = [
      { text: 'Labour migration brief', x: LEFT, y: 770, size: 11, role: 'H1' },
      { text: 'Context', x: LEFT, y: 740, size: 11, role: 'H2' },
      { text: 'Most migrant workers move within their own region rather than to another continent.', x: LEFT, y: 715, size: 11, role: 'P' },
      { text: 'Policy options', x: LEFT, y: 680, size: 11, role: 'H2' },
      { text: 'Bilateral agreements can set minimum standards for recruitment and pay.', x: LEFT, y: 655, size: 11, role: 'P' },
    ];
    const doc = toParsedDocument(await readPdf(makePdf([runs])));
    expect(doc.h1).toBe('Labour migration brief');
    expect(doc.passages.map((p) => p.headings.join(' › '))).toEqual(['Context', 'Policy options']);
  });
});

describe('a two-column page', () => {
  it('reads the left column, then the right, joining a paragraph that runs from one to the other', async () => {
    const A = 'Temporary labour migration programmes have grown in number across the region since the late nineties.';
    const B1 = 'Their rules differ widely: some tie a worker to one employer for the whole contract, while others';
    const B2 = 'allow a change of employer after a set period, which reduces the risk of abuse.';
    const C = 'Few programmes publish data on how many workers return home when their contracts end.';
    const col = (x: number, y: number, text: string) => paragraph(text, x, y, { width: 220, size: 10 });
    const left: Run[] = [{ text: 'Programme design', x: 50, y: 780, size: 14, bold: true }];
    const a = col(50, 750, A);
    left.push(...a.runs);
    left.push(...col(50, a.bottom - 24, B1).runs);
    const b2 = col(310, 750, B2);
    const right = [...b2.runs, ...col(310, b2.bottom - 24, C).runs];
    const doc = toParsedDocument(await readPdf(makePdf([[...left, ...right]])));
    expect(doc.passages.map((p) => p.text)).toEqual([A, `${B1} ${B2}`, C]);
  });
});

describe('footnotes and scans', () => {
  it('a footnote that runs on to the foot of the next page stays one note', async () => {
    const body1 = paragraph('Agencies in the survey charged an average fee equal to three months of wages, which most workers paid with loans taken from relatives, moneylenders or the agencies themselves, at rates of interest far above those of any bank in the countries of origin.', LEFT, 760);
    const last = body1.runs[body1.runs.length - 1]!;
    const p1: Run[] = [...body1.runs, { text: '1', x: LEFT + last.text.length * 5.6 + 2, y: last.y + 4, size: 7 }];
    p1.push({ text: '1. The survey covered 300 workers recruited between 2019 and 2022 in four countries of origin, and', x: LEFT, y: 80, size: 8 });
    p1.push({ text: 'asked each of them about every payment made before departure,', x: LEFT, y: 70, size: 8 });
    const p2: Run[] = [...paragraph('Interest on such loans often doubled the cost of migrating for the poorest workers in the sample, and a quarter of them were still repaying the loan when their first contract ended and they returned home.', LEFT, 760).runs];
    p2.push({ text: 'including payments to brokers in the home village.', x: LEFT, y: 80, size: 8 });
    const doc = toParsedDocument(await readPdf(makePdf([p1, p2])));
    const notes = doc.passages.filter((p) => p.headings[0] === 'Notes');
    expect(notes.map((n) => n.text)).toEqual(['The survey covered 300 workers recruited between 2019 and 2022 in four countries of origin, and asked each of them about every payment made before departure, including payments to brokers in the home village.']);
    expect(doc.passages.filter((p) => p.headings[0] !== 'Notes').map((p) => p.text.slice(0, 18))).toEqual(['Agencies in the su', 'Interest on such l']);
  });

  it('a PDF with some scanned pages is indexed, and the pages without text are named', async () => {
    const text = paragraph('Bilateral labour agreements should be published in full, including their annexes on recruitment costs.', LEFT, 700).runs;
    const doc = await readPdf(makePdf([text, text, text], { imagePages: [1] }));
    expect(doc.problems).toEqual(['page 2 has no text layer (scanned?) and could not be read']);
    expect(toParsedDocument(doc).passages.map((p) => p.page)).toEqual(['1', '3']);
  });
});

describe('a text layer that cannot be decoded', () => {
  it('is refused rather than indexed as gibberish', () => {
    // What pdf.js gives for fonts without a character map: private-use code points.
    const items = [0, 1, 2].map((i) => ({ str: '\uE001\uE002\uE003 \uE004\uE005\uE006\uE007 \uE008\uE009', x: 60, y: 700 - i * 14, width: 300, size: 11, font: 'f1' }));
    expect(() => layoutPdf({ pages: [{ width: 595, height: 842, items }], outline: [], tagged: [[]], info: {} })).toThrow(UnreadableText);
  });
});
