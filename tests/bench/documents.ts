// npm run bench, documents part: PDF extraction speed (pages per second) on the 80-page sample,
// and reading a folder of 100 PDFs at first start (each a distinct copy, so the content-hash
// cache cannot share work between them), then again with the cache warm; and how long answers
// take while those 100 PDFs are being parsed (the worker keeps them off the answering thread).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readPdf } from '../../src/corpus/pdf/read.js';
import { readDocx } from '../../src/corpus/docx.js';
import { readHtml } from '../../src/corpus/html.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { forgetParsedInMemory } from '../../src/corpus/cache.js';
import { silentLogger } from '../../src/log.js';
import { openDesk } from '../../src/desk.js';
import { ILO_DIR } from '../fixtures/paths.js';

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

    // Answers while the folder is parsed from cold.
    forgetParsedInMemory();
    fs.rmSync(data, { recursive: true, force: true });
    const desk = await openDesk({ seedsDir: ILO_DIR, dataDir: ':memory:' });
    const questions = ['Are remittances bigger than development aid?', 'What does GATS Mode 4 cover?', 'C143', 'brain drain'];
    let reading = true;
    const parsing = loadCorpus(dir, silentLogger, { cacheDir: data }).finally(() => (reading = false));
    const times: number[] = [];
    for (let i = 0; reading; i++) {
      const q0 = performance.now();
      await desk.handle({ type: 'message', text: questions[i % questions.length]!, platform: 'test' });
      times.push(performance.now() - q0);
      await new Promise((r) => setTimeout(r, 5));
    }
    await parsing;
    desk.close();
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
    console.log(`  answers while ${copies} PDFs are parsed: ${times.length} questions, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${times[times.length - 1]!.toFixed(1)} ms`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(data, { recursive: true, force: true });
  }
}
