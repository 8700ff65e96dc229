// The live library at scale: a folder of synthetic Markdown documents read cold, the restart
// from the saved index (in a fresh process, as a restart is), and one-document updates while
// the event loop is watched (an acknowledgement waits at most that long) and the heap sampled.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDesk } from '../../src/desk.js';
import { Shelf } from '../../src/library/shelf.js';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store.js';
import type { Passage } from '../../src/corpus/types.js';
import { ILO_DIR } from '../fixtures/paths.js';

export interface LiveFigures {
  coldMs: number;
  snapshotMs: number;
  snapshotMB: number;
  warmOpenMs: number;
  warmFirstAnswerMs: number;
  addMs: number;
  editMs: number;
  maxLoopDelayMs: number;
  heapMB: number;
  peakHeapMB: number;
}

/** Writes the passages as Markdown files, one per synthetic document, and the ILO catalog. */
export function writeCorpus(passages: readonly Passage[], dir: string): void {
  const byDoc = new Map<string, Passage[]>();
  for (const p of passages) byDoc.set(p.doc, [...(byDoc.get(p.doc) ?? []), p]);
  for (const [doc, list] of byDoc) {
    const body = list.map((p) => `## ${p.section.replace(/ › /g, ' - ')}\n\n${p.text}\n`).join('\n');
    fs.writeFileSync(path.join(dir, `${doc}.md`), `# ${list[0]!.document}\n\n${body}`);
  }
  fs.copyFileSync(path.join(ILO_DIR, 'catalog.yaml'), path.join(dir, 'catalog.yaml'));
}

export async function benchLive(passages: readonly Passage[]): Promise<LiveFigures> {
  const docs = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-bench-docs-'));
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-bench-data-'));
  try {
    writeCorpus(passages, docs);
    gc();
    const heapBefore = heapMB();
    let t = performance.now();
    let shelf = await Shelf.open({ root: docs, log: silentLogger, dataDir: data });
    const coldMs = performance.now() - t;
    t = performance.now();
    await shelf.idle();
    const snapshotMs = performance.now() - t;
    shelf.close();
    const snapshotMB = fs.statSync(path.join(data, 'index-snapshot.json')).size / 1024 / 1024;

    const warm = spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/warm.ts', docs, data], { encoding: 'utf8' });
    if (warm.status !== 0) throw new Error(`warm start failed: ${warm.stderr}`);
    const { openMs: warmOpenMs, firstAnswerMs: warmFirstAnswerMs } = JSON.parse(warm.stdout.trim().split('\n').pop()!);

    shelf = await Shelf.open({ root: docs, log: silentLogger, dataDir: data });
    gc();
    const heap = heapMB() - heapBefore;
    const desk = createDesk(shelf.current, { store: await openStore({ dataDir: ':memory:' }), shelf });
    const loop = monitorEventLoopDelay({ resolution: 5 });
    let peak = 0;
    // An acknowledgement waits as long as the longest gap between two ticks of this timer.
    let last = performance.now();
    let longestGap = 0;
    const sampler = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      peak = Math.max(peak, heapMB() - heapBefore);
    }, 5);
    loop.enable();
    const ask = (text: string) => desk.handle({ type: 'message', text, platform: 'test' });

    t = performance.now();
    fs.writeFileSync(path.join(docs, 'zz-new-note.md'), '# New note\n\n## Orchards\n\nThe quokka orchard scheme lets seasonal pickers change employer once per harvest.\n');
    await desk.reload();
    if (!(await ask('How often can quokka orchard pickers change employer?')).answered) throw new Error('the added document does not answer');
    const addMs = performance.now() - t;

    const victim = fs.readdirSync(docs).find((f) => f.endsWith('.md') && f !== 'zz-new-note.md')!;
    t = performance.now();
    fs.appendFileSync(path.join(docs, victim), '\n## Wombats\n\nThe wombat burrow permit is renewed every seven winters.\n');
    await desk.reload();
    if (!(await ask('How often is the wombat burrow permit renewed?')).answered) throw new Error('the edited document does not answer');
    const editMs = performance.now() - t;

    // The probes record a stall only when they next run: let them.
    await new Promise((resolve) => setTimeout(resolve, 50));
    loop.disable();
    clearInterval(sampler);
    desk.close();
    return { coldMs, snapshotMs, snapshotMB, warmOpenMs, warmFirstAnswerMs, addMs, editMs, maxLoopDelayMs: Math.max(loop.max / 1e6, longestGap), heapMB: heap, peakHeapMB: peak };
  } finally {
    fs.rmSync(docs, { recursive: true, force: true });
    fs.rmSync(data, { recursive: true, force: true });
  }
}

function gc() {
  (globalThis as { gc?: () => void }).gc?.();
}

function heapMB(): number {
  return process.memoryUsage().heapUsed / 1024 / 1024;
}
