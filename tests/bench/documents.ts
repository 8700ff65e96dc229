// npm run bench, documents part: PDF extraction speed (pages per second) on the 80-page sample,
// and the first start on a folder of 100 PDFs (each a distinct copy, so the content-hash cache
// cannot share work between them), then the same start again with the cache warm.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readPdf } from '../../src/corpus/pdf/read.js';
import { readDocx } from '../../src/corpus/docx.js';
import { readHtml } from '../../src/corpus/html.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { forgetParsedInMemory } from '../../src/corpus/cache.js';
import { silentLogger } from '../../src/log.js';

const SAMPLES = 'tests/fixtures/samples';

export async function documentBench(copies = Number(process.env.BENCH_PDF_COPIES ?? 100)) {
  console.log('\ndocuments');
  const big = path.join(SAMPLES, 'ilo-report-x10-footnotes.pdf');
  if (!fs.existsSync(big)) {
    console.log(`  skipped: ${big} is missing`);
    return;
  }
  for (const [name, read] of [
    ['ilo-report-x10-footnotes.pdf', readPdf],
    ['ilo-report-footnotes.pdf', readPdf],
    ['ilo-report-word-export.pdf', readPdf],
    ['ilo-report.docx', readDocx],
    ['ilo-report-page.html', readHtml],
  ] as const) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(SAMPLES, name)));
    const times: number[] = [];
    let pages = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      pages = (await read(bytes)).pages ?? 0;
      times.push(performance.now() - t);
    }
    const ms = times.sort((a, b) => a - b)[1]!;
    const rate = pages ? `, ${((pages * 1000) / ms).toFixed(0)} pages/s` : '';
    console.log(`  read ${name.padEnd(30)} ${ms.toFixed(0).padStart(6)} ms (median of 3)${rate}`);
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-bench-pdfs-'));
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-bench-data-'));
  try {
    const pdf = fs.readFileSync(path.join(SAMPLES, 'ilo-report-footnotes.pdf'));
    // Bytes after %%EOF are ignored by readers but change the content hash.
    for (let i = 0; i < copies; i++) fs.writeFileSync(path.join(dir, `report-${String(i).padStart(3, '0')}.pdf`), Buffer.concat([pdf, Buffer.from(`\n%copy ${i}\n`)]));
    forgetParsedInMemory();
    let t = performance.now();
    const cold = await loadCorpus(dir, silentLogger, { cacheDir: data });
    const coldMs = performance.now() - t;
    const pages = cold.documents.reduce((n, d) => n + (d.pages ?? 0), 0);
    console.log(`  first start, ${copies} PDFs (${pages} pages, ${cold.passages.length} passages): ${(coldMs / 1000).toFixed(1)} s, ${((pages * 1000) / coldMs).toFixed(0)} pages/s in the worker`);
    forgetParsedInMemory();
    t = performance.now();
    await loadCorpus(dir, silentLogger, { cacheDir: data });
    console.log(`  restart, same ${copies} PDFs, cache warm: ${((performance.now() - t) / 1000).toFixed(2)} s`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(data, { recursive: true, force: true });
  }
}
