// Scores a reader's output against the samples' ground truth: which headings, paragraphs and
// list items came out verbatim, and which notes were found with their text.

import fs from 'node:fs';
import type { ReadDocument } from '../../src/corpus/document.js';

export interface GroundTruth {
  blocks: { kind: 'title' | 'heading' | 'paragraph' | 'item'; level?: number; text: string; refs?: string[] }[];
  notes: Record<string, string>;
}

export const SAMPLES = 'tests/fixtures/samples';

export function groundTruth(): GroundTruth {
  return JSON.parse(fs.readFileSync(`${SAMPLES}/ilo-report.ground-truth.json`, 'utf8')) as GroundTruth;
}

export interface Score {
  headings: { found: number; total: number; missing: string[] };
  paragraphs: { found: number; total: number; missing: string[] };
  notes: { found: number; total: number; missing: string[] };
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

export function score(doc: ReadDocument, truth: GroundTruth = groundTruth()): Score {
  const headings = new Set(doc.blocks.filter((b) => b.kind === 'heading').map((b) => norm(b.text)));
  if (doc.meta.title) headings.add(norm(doc.meta.title));
  const texts = new Set(doc.blocks.filter((b) => b.kind !== 'heading').map((b) => norm(b.text)));
  const notes = new Map(doc.notes.map((n) => [n.label, norm(n.text)]));
  const tally = (wanted: string[], have: (t: string) => boolean) => {
    const missing = wanted.filter((t) => !have(t));
    return { found: wanted.length - missing.length, total: wanted.length, missing };
  };
  return {
    headings: tally(truth.blocks.filter((b) => b.kind === 'title' || b.kind === 'heading').map((b) => norm(b.text)), (t) => headings.has(t)),
    paragraphs: tally(truth.blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'item').map((b) => norm(b.text)), (t) => texts.has(t)),
    notes: tally(Object.entries(truth.notes).map(([k, v]) => `${k}\u0000${norm(v)}`), (t) => notes.get(t.split('\u0000')[0]!) === t.split('\u0000')[1]),
  };
}
