// Text runs → printed lines. A line keeps its geometry (left and right edge, baseline, size,
// font, weight) because paragraphs, headings and notes are told apart by it; superscript
// numbers become note markers, kept beside the text rather than in it.

import type { RawItem, RawPage } from './extract.js';

export interface Line {
  /** Index of the page (0-based). */
  page: number;
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  font: string;
  /** True when (nearly) all its text is in a bold font; undefined when weights were not read. */
  bold?: boolean;
  /** Note numbers called from inside the line (superscripts), in order. */
  markers: string[];
  /** A superscript number the line opens with: how a footnote begins in many layouts. */
  leadMarker?: string;
  mcids: Set<string>;
}

const MARKER_TEXT = /^[\d,*†‡§]+$/;

export function pageLines(page: RawPage, index: number): Line[] {
  const groups: RawItem[][] = [];
  let current: RawItem[] | undefined;
  for (const item of page.items) {
    if (current && belongsTo(current, item)) current.push(item);
    else groups.push((current = [item]));
  }
  // Runs drawn later on the same baseline (bullets, a header's right-hand part) join their line.
  const merged: RawItem[][] = [];
  for (const g of groups) {
    const base = baseline(g);
    const host = merged.find((m) => {
      const mb = baseline(m);
      if (Math.abs(mb.y - base.y) > 0.3 * Math.max(mb.size, base.size)) return false;
      const [a0, a1] = extent(m);
      const [b0, b1] = extent(g);
      const gap = Math.max(b0 - a1, a0 - b1);
      return gap > -1 && gap < Math.max(mb.size, base.size);
    });
    if (host) host.push(...g);
    else merged.push(g);
  }
  return merged.map((g) => toLine(g, index)).filter((l): l is Line => l !== undefined);
}

function belongsTo(line: RawItem[], item: RawItem): boolean {
  const base = baseline(line);
  const dy = item.y - base.y;
  const tolerance = 0.3 * Math.max(base.size, item.size);
  if (Math.abs(dy) <= tolerance) {
    if (!item.str.trim() || !base.text.trim()) return true;
    // Same baseline but behind the line's start, or far past its end: another column or cell.
    const [x0, x1] = extent(line);
    return !(item.x < x0 - 1 || item.x - x1 > 2 * Math.max(base.size, item.size));
  }
  // A superscript after text on this line.
  if (item.size < 0.85 * base.size && dy > 0 && dy < 0.75 * base.size) return true;
  // The line so far is only a superscript (a footnote's number); this is its text.
  if (base.small && item.size > base.size * 1.15 && dy < 0 && -dy < 0.75 * item.size) return true;
  return false;
}

/** The baseline and size of a line's main text (superscripts and spaces aside). */
function baseline(items: RawItem[]): { y: number; size: number; small: boolean; text: string } {
  let best: RawItem | undefined;
  for (const it of items) if (it.str.trim() && (!best || it.size > best.size)) best = it;
  best ??= items[0]!;
  const small = items.every((it) => !it.str.trim() || MARKER_TEXT.test(it.str.trim()));
  return { y: best.y, size: best.size, small, text: items.map((i) => i.str).join('') };
}

function extent(items: RawItem[]): [number, number] {
  let x0 = Infinity;
  let x1 = -Infinity;
  for (const it of items) {
    if (!it.str.trim()) continue;
    x0 = Math.min(x0, it.x);
    x1 = Math.max(x1, it.x + it.width);
  }
  return [x0, x1];
}

function toLine(group: RawItem[], page: number): Line | undefined {
  const items = [...group].sort((a, b) => a.x - b.x);
  const visible = items.filter((i) => i.str.trim());
  if (!visible.length) return undefined;
  // Main size: the size most characters are set in.
  const bySize = new Map<number, number>();
  for (const it of visible) bySize.set(round(it.size), (bySize.get(round(it.size)) ?? 0) + it.str.length);
  const size = [...bySize].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
  const main = visible.filter((i) => round(i.size) === size);
  const y = main[0]!.y;

  const markers: string[] = [];
  let leadMarker: string | undefined;
  let text = '';
  let lastEnd = -Infinity;
  let sawText = false;
  let boldChars = 0;
  let chars = 0;
  const fonts = new Map<string, number>();
  const mcids = new Set<string>();
  for (const it of items) {
    const s = it.str;
    const isMarker = s.trim() !== '' && MARKER_TEXT.test(s.trim()) && it.size < 0.85 * size && it.y - y > 0.12 * size;
    if (isMarker) {
      if (!sawText) leadMarker = s.trim();
      else markers.push(s.trim());
      // The gap that matters is the one after the marker: "Group¹⁰, the" reads "Group, the".
      lastEnd = it.x + it.width;
      continue;
    }
    if (!s.trim()) {
      if (sawText && !/\s$/.test(text)) text += ' ';
      continue;
    }
    // A visible gap between runs is a space the file did not write.
    if (sawText && !/\s$/.test(text) && !/^\s/.test(s) && it.x - lastEnd > 0.2 * it.size) text += ' ';
    text += s;
    lastEnd = it.x + it.width;
    sawText = true;
    chars += s.length;
    if (it.bold) boldChars += s.length;
    fonts.set(it.font, (fonts.get(it.font) ?? 0) + s.length);
    if (it.mcid) mcids.add(it.mcid);
  }
  text = text.replace(/[\u00A0\u2000-\u200A\u202F]/g, ' ').replace(/[\u200B-\u200D\uFEFF]/g, '').replace(/\s+/g, ' ').trim();
  if (!text) {
    // A lone number set small (a marker with nothing after it) is still text, e.g. a page number.
    if (!leadMarker) return undefined;
    text = leadMarker;
    leadMarker = undefined;
  }
  const [x0, x1] = extent(items);
  const weightsKnown = items.some((i) => i.bold !== undefined);
  return {
    page,
    text,
    x0,
    x1,
    y,
    size,
    font: [...fonts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '',
    bold: weightsKnown ? boldChars >= 0.9 * chars : undefined,
    markers,
    leadMarker,
    mcids,
  };
}

function round(n: number): number {
  return Math.round(n * 2) / 2;
}
