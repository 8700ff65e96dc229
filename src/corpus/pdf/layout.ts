// Printed lines → the document's structure: page furniture (running headers, footers, page
// numbers) set aside, footnotes and endnotes separated from the text, headings found (from the
// bookmarks or tags when the file has them, else from size and weight against the body text),
// and paragraphs and list items rebuilt across lines and pages.

import type { Block, Note, ReadDocument } from '../document.js';
import { lineJoiner, type LineJoiner } from '../hyphenation.js';
import type { RawPdf } from './extract.js';
import { pageLines, type Line } from './lines.js';

const PAGE_NUMBER = [
  /^(?:page|p\.|pg\.?)?\s*(\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|\/)\s*\d{1,4})?$/i,
  /^[-–—]\s*(\d{1,4}|[ivxlcdm]{1,7})\s*[-–—]$/i,
  /^\[\s*(\d{1,4})\s*\]$/,
];
const BULLET = /^[•▪◦●■□◆▶►‣⁃∙·*–-]\s*(?=\S)/;
const NUMBERED_ITEM = /^(?:\d{1,2}|[a-z])[.)]\s+(?=\S)/;
const NOTE_START = /^(\d{1,3})[.)]?\s+(?=\S)/;
const NOTES_HEADING = /^(?:end\s*notes|foot\s*notes|notes)$/i;
const SENTENCE_END = /[.!?:;]["”’»)\]]*$/;

interface Heading {
  kind: 'heading';
  level: number;
  lines: Line[];
}

interface Metrics {
  body: number;
  bodyFont: string;
  bodyBold: boolean;
  left: number;
  right: number;
  pitch: number;
  spaced: boolean;
}

export function layoutPdf(raw: RawPdf, fileTitle?: string): ReadDocument {
  const problems: string[] = [];
  const perPage = raw.pages.map((p, i) => pageLines(p, i));
  const emptyPages = perPage.map((lines, i) => (lines.length ? -1 : i + 1)).filter((n) => n > 0);
  if (emptyPages.length === raw.pages.length) {
    throw new NoTextLayer();
  }
  // Fonts without a character map give private-use or replacement characters: text, but unreadable.
  const all = perPage.flat().map((l) => l.text).join('');
  if (all.length >= 20 && (all.match(/[\uE000-\uF8FF\uFFFD\u0000-\u0008]/g) ?? []).length > all.length * 0.3) throw new UnreadableText();
  if (emptyPages.length) problems.push(`${pageList(emptyPages)} ${emptyPages.length === 1 ? 'has' : 'have'} no text layer (scanned?) and could not be read`);

  const { furniture, printed } = findFurniture(perPage, raw.pages.map((p) => p.height));
  const labels = pageLabels(raw, printed);
  const content = perPage.map((lines) => lines.filter((l) => !furniture.has(l)));
  const metrics = measure(content.flat(), raw.pages.map((p) => p.height));
  const joiner = lineJoiner(content.flat().map((l) => l.text));

  // Footnotes at the foot of each page.
  const notes: Note[] = [];
  const noteLines = new Set<Line>();
  const referenced = new Set<string>();
  let openNote: { note: Note; lines: string[] } | undefined;
  const closeNote = () => {
    if (openNote) openNote.note.text = joiner.join(openNote.lines);
    openNote = undefined;
  };
  content.forEach((lines, page) => {
    const area = footnoteArea(lines, metrics, referenced, notes.length + 1, openNote !== undefined);
    for (const l of lines) if (!area.includes(l)) l.markers.forEach((m) => referenced.add(m));
    for (const l of area) {
      noteLines.add(l);
      const start = noteStart(l, notes.length + 1);
      if (start) {
        closeNote();
        const note: Note = { label: start.label, text: '', page: labels[page] };
        notes.push(note);
        openNote = { note, lines: [start.text] };
      } else openNote?.lines.push(l.text);
    }
    if (!area.length) closeNote();
  });
  closeNote();

  const body = content.flat().filter((l) => !noteLines.has(l));
  const headings = findHeadings(body, raw, metrics);
  const sequence: (Line | Heading)[] = [];
  for (let i = 0; i < body.length; i++) {
    const h = headings.get(body[i]!);
    if (h) {
      sequence.push(h);
      i += h.lines.length - 1;
    } else sequence.push(body[i]!);
  }

  const meta: ReadDocument['meta'] = {};
  const first = sequence[0];
  const title = first && 'kind' in first && first.level === 1 ? joiner.join(first.lines.map((l) => l.text)) : undefined;
  if (title) meta.title = title;
  else if (raw.info.title && !/^(untitled|microsoft word|document\d*)\b|\.(docx?|pdf|indd)$/i.test(raw.info.title.trim())) meta.title = raw.info.title.trim();
  else if (fileTitle) meta.title = fileTitle;
  // Short lines between the title and the text (author, date) describe the document.
  if (title) {
    let k = 1;
    while (k < sequence.length && isTitlePageLine(sequence[k]!, metrics)) {
      const year = /^(?:\D*\s)?((?:19|20)\d\d)$/.exec((sequence[k] as Line).text)?.[1];
      if (year && !meta.year) meta.year = Number(year);
      k++;
    }
    sequence.splice(1, k - 1);
  }

  const blocks = assemble(takeEndnotes(sequence, notes, joiner, labels), metrics, joiner, labels);
  return { meta, blocks, notes, pages: raw.pages.length, problems };
}

export class NoTextLayer extends Error {}
export class UnreadableText extends Error {}

function pageList(pages: number[]): string {
  return pages.length === 1 ? `page ${pages[0]}` : `pages ${pages.slice(0, 5).join(', ')}${pages.length > 5 ? ', …' : ''}`;
}

/** Running headers and footers (the same words near the top or bottom of many pages) and page numbers. */
function findFurniture(pages: Line[][], heights: number[]): { furniture: Set<Line>; printed: (string | undefined)[] } {
  const furniture = new Set<Line>();
  const printed: (string | undefined)[] = pages.map(() => undefined);
  const inMargin = (l: Line, h: number) => l.y > h * 0.88 || l.y < h * 0.1;
  // Same words at the same height: a running header stays put, a repeated footnote ("Ibid.") does not.
  const key = (l: Line) => `${Math.round(l.y / 4)}|${l.text.toLowerCase().replace(/\d+|\b[ivxlcdm]+\b/g, '#').replace(/\s+/g, ' ')}`;
  const seen = new Map<string, Set<number>>();
  pages.forEach((lines, p) =>
    lines.forEach((l) => {
      if (!inMargin(l, heights[p]!)) return;
      const k = key(l);
      if (!seen.has(k)) seen.set(k, new Set());
      seen.get(k)!.add(p);
    }),
  );
  const repeated = (l: Line) => {
    const n = seen.get(key(l))?.size ?? 0;
    return pages.length >= 2 && n >= 2 && (n >= 3 || n >= 0.3 * pages.length);
  };
  pages.forEach((lines, p) => {
    const h = heights[p]!;
    for (const l of lines) if (inMargin(l, h) && repeated(l)) furniture.add(l);
    // The outermost remaining line at the top and at the bottom may be a page number.
    const rest = lines.filter((l) => !furniture.has(l) && inMargin(l, h));
    const top = rest.filter((l) => l.y > h / 2).sort((a, b) => b.y - a.y)[0];
    const bottom = rest.filter((l) => l.y <= h / 2).sort((a, b) => a.y - b.y)[0];
    for (const l of [top, bottom]) if (l && PAGE_NUMBER.some((re) => re.test(l.text))) furniture.add(l);
    for (const l of lines) {
      if (!furniture.has(l)) continue;
      for (const re of PAGE_NUMBER) {
        // A whole line that is a page number, or "Page 3" inside a running footer.
        const m = re.exec(l.text) ?? /\bpage\s+(\d{1,4})\b/i.exec(l.text);
        if (m) {
          printed[p] ??= m[1];
          break;
        }
      }
    }
  });
  return { furniture, printed };
}

/** The label printed on each page: the file's PageLabels, else the numbers found in the margins. */
function pageLabels(raw: RawPdf, printed: (string | undefined)[]): string[] {
  if (raw.pages.every((p) => p.label)) return raw.pages.map((p) => p.label!);
  const offsets = new Map<number, number>();
  printed.forEach((s, i) => {
    if (s && /^\d+$/.test(s)) offsets.set(Number(s) - (i + 1), (offsets.get(Number(s) - (i + 1)) ?? 0) + 1);
  });
  const [offset, votes] = [...offsets].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  const trusted = votes >= 2 || (votes === 1 && raw.pages.length <= 2);
  return raw.pages.map((p, i) => p.label ?? (trusted && i + 1 + offset >= 1 ? String(i + 1 + offset) : printed[i] ?? String(i + 1)));
}

function measure(lines: Line[], heights: number[]): Metrics {
  // The body is the style most text is set in; text at the very foot of a page (footnotes) counts
  // for less, so a short paper with long notes still finds its body size.
  const chars = new Map<string, number>();
  for (const l of lines) {
    const k = `${l.size}|${l.font}`;
    const weight = l.y < (heights[l.page] ?? 842) * 0.15 ? 0.3 : 1;
    chars.set(k, (chars.get(k) ?? 0) + l.text.length * weight);
  }
  const [bodyKey] = [...chars].sort((a, b) => b[1] - a[1])[0] ?? ['10|'];
  const [size, font] = bodyKey.split('|');
  const body = Number(size);
  const bodyLines = lines.filter((l) => Math.abs(l.size - body) < 0.5);
  const mode = (xs: number[]) => {
    const m = new Map<number, number>();
    for (const x of xs) m.set(Math.round(x), (m.get(Math.round(x)) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  };
  const right = quantile(bodyLines.map((l) => l.x1), 0.9);
  const gaps: number[] = [];
  for (let i = 1; i < bodyLines.length; i++) {
    const a = bodyLines[i - 1]!;
    const b = bodyLines[i]!;
    const dy = a.y - b.y;
    if (a.page === b.page && dy > 0 && dy < 3 * body) gaps.push(dy);
  }
  const pitch = quantile(gaps, 0.4) || body * 1.2;
  const spaced = gaps.filter((g) => g > pitch * 1.3).length >= Math.max(2, gaps.length * 0.03);
  const boldLines = bodyLines.filter((l) => l.bold).length;
  return { body, bodyFont: font ?? '', bodyBold: boldLines > bodyLines.length / 2, left: mode(bodyLines.map((l) => l.x0)), right, pitch, spaced };
}

function quantile(xs: number[], q: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** The lines at the foot of a page that are its footnotes, top to bottom (empty when none). */
function footnoteArea(lines: Line[], m: Metrics, referenced: Set<string>, next: number, continuing: boolean): Line[] {
  const byY = [...lines].sort((a, b) => b.y - a.y);
  const small = (l: Line) => l.size < m.body * 0.92;
  const plausible = (label: string | undefined) => label !== undefined && (Number(label) === next || referenced.has(label));
  for (let k = 0; k < byY.length; k++) {
    const l = byY[k]!;
    const below = byY.slice(k);
    const marker = l.leadMarker !== undefined && plausible(l.leadMarker);
    const numbered = small(l) && plausible(NOTE_START.exec(l.text)?.[1]);
    if (k > 0 && (marker || numbered) && below.every((b) => small(b) || marker)) {
      // Small lines just above the first number on a page continue the note left open.
      let start = k;
      while (continuing && start > 0 && small(byY[start - 1]!) && byY.slice(0, start - 1).some((b) => !small(b))) start--;
      return byY.slice(start);
    }
  }
  if (continuing) {
    // No new note on this page, but the one from the previous page runs on at its foot.
    let start = byY.length;
    while (start > 1 && small(byY[start - 1]!)) start--;
    if (start < byY.length && start > 0) return byY.slice(start);
  }
  return [];
}

function noteStart(l: Line, next: number): { label: string; text: string } | undefined {
  if (l.leadMarker) return { label: l.leadMarker, text: l.text };
  const m = NOTE_START.exec(l.text);
  if (m && Number(m[1]) >= next && Number(m[1]) <= next + 2) return { label: m[1]!, text: l.text.slice(m[0].length) };
  return undefined;
}

/** Heading lines, keyed by their first line: from tags, else bookmarks, else typography. */
function findHeadings(body: Line[], raw: RawPdf, m: Metrics): Map<Line, Heading> {
  const found = raw.tagged.some((t) => t.length) ? fromTags(body, raw) : raw.outline.length ? fromOutline(body, raw, m) : new Map<Line, Heading>();
  if (found.size >= 2) return withTitle(found, body, m);
  // Bookmarks or tags that do not match the printed text: typography decides, and needs weights.
  if (body.length && body.every((l) => l.bold === undefined)) throw new NeedWeights();
  return fromTypography(body, m);
}

export class NeedWeights extends Error {}

function fromTags(body: Line[], raw: RawPdf): Map<Line, Heading> {
  const out = new Map<Line, Heading>();
  let previous: { heading: Heading; tag: object } | undefined;
  for (const line of body) {
    const tag = raw.tagged[line.page]!.find((t) => t.mcids.some((id) => line.mcids.has(id)));
    if (!tag) {
      previous = undefined;
      continue;
    }
    if (previous && previous.tag === tag) previous.heading.lines.push(line);
    else {
      const heading: Heading = { kind: 'heading', level: tag.level, lines: [line] };
      out.set(line, heading);
      previous = { heading, tag };
    }
  }
  return out;
}

const compact = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function fromOutline(body: Line[], raw: RawPdf, m: Metrics): Map<Line, Heading> {
  const out = new Map<Line, Heading>();
  const entries = raw.outline.map((e) => ({ ...e, key: compact(e.title) })).filter((e) => e.key);
  const firstBig = body.find((l) => l.size > m.body * 1.25);
  // A single top bookmark that is the printed title: it is the document title, its children the sections.
  const titleFirst = entries.filter((e) => e.depth === 0).length === 1 && firstBig !== undefined && entries[0]!.key.startsWith(compact(firstBig.text));
  let pointer = 0;
  for (let i = 0; i < body.length; i++) {
    const start = compact(body[i]!.text);
    if (!start || body[i]!.size < m.body * 0.95) continue;
    for (let e = pointer; e < Math.min(entries.length, pointer + 4); e++) {
      const entry = entries[e]!;
      if (!entry.key.startsWith(start)) continue;
      let acc = start;
      let j = i;
      while (acc.length < entry.key.length && j + 1 < body.length && entry.key.startsWith(acc + compact(body[j + 1]!.text))) acc += compact(body[++j]!.text);
      if (acc !== entry.key) continue;
      out.set(body[i]!, { kind: 'heading', level: entry.depth + (titleFirst ? 1 : 2), lines: body.slice(i, j + 1) });
      pointer = e + 1;
      i = j;
      break;
    }
  }
  return out;
}

/** When the bookmarks or tags leave out the printed title, the first large lines of page one are it. */
function withTitle(found: Map<Line, Heading>, body: Line[], m: Metrics): Map<Line, Heading> {
  if ([...found.values()].some((h) => h.level === 1)) return found;
  const first = body[0];
  if (!first || first.page !== 0 || found.has(first) || first.size < m.body * 1.3) return found;
  const largest = Math.max(...[...found.values()].map((h) => h.lines[0]!.size));
  if (first.size <= largest) return found;
  const lines = [first];
  for (let i = 1; i < body.length && body[i]!.size === first.size && !found.has(body[i]!) && body[i - 1]!.y - body[i]!.y < first.size * 1.6; i++) lines.push(body[i]!);
  return new Map([[first, { kind: 'heading', level: 1, lines }], ...found]);
}

function fromTypography(body: Line[], m: Metrics): Map<Line, Heading> {
  const style = (l: Line) => {
    const big = l.size >= m.body * 1.12;
    const bold = l.bold === true && !m.bodyBold;
    const letters = l.text.replace(/[^\p{L}]/gu, '');
    const caps = letters.length >= 4 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
    if (!big && !bold && !caps) return undefined;
    return { key: `${l.size}|${bold ? 'b' : ''}|${caps ? 'c' : ''}`, size: l.size, bold, caps };
  };
  const out = new Map<Line, Heading>();
  const groups: { lines: Line[]; key: string; size: number; bold: boolean; caps: boolean }[] = [];
  for (let i = 0; i < body.length; i++) {
    const l = body[i]!;
    const s = style(l);
    if (!s || l.text.length > 200 || /[,;]$/.test(l.text) || l.markers.length) continue;
    const prev = body[i - 1];
    const last = groups[groups.length - 1];
    if (last && prev && last.lines[last.lines.length - 1] === prev && last.key === s.key && prev.page === l.page && prev.y - l.y < l.size * 1.7) {
      last.lines.push(l);
      continue;
    }
    // A heading stands apart from the text above it (or opens a page).
    const apart = !prev || prev.page !== l.page || prev.y - l.y > Math.max(m.pitch * 1.2, prev.size * 1.3) || style(prev)?.key !== s.key;
    const next = body[i + 1];
    const endsSentence = /[.:]$/.test(l.text) && l.text.split(' ').length > 12;
    if (apart && !endsSentence && !(s.bold && !s.caps && s.size < m.body * 1.12 && next && next.page === l.page && next.y - l.y > -m.pitch * 1.1 && l.x1 > m.right - l.size && !style(next))) {
      groups.push({ lines: [l], ...s });
    }
  }
  // A heading is followed by something other than itself: drop "headings" that are whole paragraphs of bold.
  const kept = groups.filter((g) => g.lines.length <= 4);
  const styles = [...new Map(kept.map((g) => [g.key, g])).values()].sort((a, b) => b.size - a.size || Number(b.bold) - Number(a.bold) || Number(b.caps) - Number(a.caps));
  const top = kept[0];
  const titleAlone = top !== undefined && top.lines[0] === body[0] && top.size > m.body * 1.25 && kept.filter((g) => g.key === top.key).length === 1;
  for (const g of kept) {
    const rank = styles.findIndex((s) => s.key === g.key);
    const level = titleAlone ? (g === top ? 1 : rank + (styles[0]!.key === top!.key ? 1 : 2)) : rank + 2;
    out.set(g.lines[0]!, { kind: 'heading', level, lines: g.lines });
  }
  return out;
}

function isTitlePageLine(item: Line | Heading, m: Metrics): boolean {
  if ('kind' in item) return false;
  if (item.page !== 0 || item.text.length > 80 || item.markers.length) return false;
  const atMargin = Math.abs(item.x0 - m.left) < m.body;
  const bodyStyle = Math.abs(item.size - m.body) < 0.5 && item.font === m.bodyFont;
  return !(atMargin && bodyStyle);
}

interface Building {
  kind: 'paragraph' | 'item';
  lines: Line[];
}

function assemble(sequence: (Line | Heading)[], m: Metrics, joiner: LineJoiner, labels: string[]): Block[] {
  const blocks: Block[] = [];
  let cur: Building | undefined;
  const close = () => {
    if (!cur) return;
    const texts = cur.lines.map((l) => l.text);
    if (cur.kind === 'item') texts[0] = texts[0]!.replace(BULLET, '').replace(NUMBERED_ITEM, '');
    const text = joiner.join(texts);
    if (text) blocks.push({ kind: cur.kind, text, pages: [labels[cur.lines[0]!.page]!, labels[cur.lines[cur.lines.length - 1]!.page]!] });
    cur = undefined;
  };
  for (const item of sequence) {
    if ('kind' in item) {
      close();
      const first = item.lines[0]!;
      blocks.push({ kind: 'heading', level: item.level, text: joiner.join(item.lines.map((l) => l.text)), pages: [labels[first.page]!, labels[first.page]!] });
      continue;
    }
    const line = item;
    const startsItem = BULLET.test(line.text) || (NUMBERED_ITEM.test(line.text) && line.x0 > m.left - m.body);
    if (!cur) {
      cur = { kind: startsItem ? 'item' : 'paragraph', lines: [line] };
      continue;
    }
    const prev = cur.lines[cur.lines.length - 1]!;
    let continues: boolean;
    if (startsItem) continues = false;
    else if (line.page === prev.page && line.y > prev.y + prev.size && line.x0 > prev.x0 + 4 * line.size) {
      // Up and to the right: the next column. The paragraph runs on unless a sentence ended.
      continues = !SENTENCE_END.test(prev.text);
    } else if (prev.page !== line.page) {
      const full = prev.x1 > m.right - 2 * prev.size;
      // A paragraph's last line rarely fills the measure: a full line at the foot of a page runs on.
      continues = !SENTENCE_END.test(prev.text) || full;
    } else {
      const gap = prev.y - line.y;
      const sizeChange = Math.abs(line.size - prev.size) > 0.1 * m.body;
      const indented = cur.kind === 'paragraph' && line.x0 - m.left > 0.8 * line.size && Math.abs(prev.x0 - m.left) < 0.5 * line.size;
      const backToMargin = cur.kind === 'item' && line.x0 < cur.lines[0]!.x0 + 0.5 * line.size && Math.abs(line.x0 - m.left) < 0.5 * line.size;
      const shortEnd = !m.spaced && prev.x1 < m.right - 2 * prev.size && SENTENCE_END.test(prev.text);
      continues = gap > 0 && !(m.spaced && gap > m.pitch * 1.3) && gap < m.pitch * 2.2 && !sizeChange && !indented && !backToMargin && !shortEnd;
    }
    if (continues) cur.lines.push(line);
    else {
      close();
      cur = { kind: startsItem ? 'item' : 'paragraph', lines: [line] };
    }
  }
  close();
  return blocks;
}

/**
 * Lines under a "Notes" heading that open with a number are endnotes: they leave the text and
 * become notes. Without any numbered line the section is ordinary text and stays.
 */
function takeEndnotes(sequence: (Line | Heading)[], notes: Note[], joiner: LineJoiner, labels: string[]): (Line | Heading)[] {
  const out: (Line | Heading)[] = [];
  for (let i = 0; i < sequence.length; i++) {
    const item = sequence[i]!;
    out.push(item);
    if (!('kind' in item) || !NOTES_HEADING.test(joiner.join(item.lines.map((l) => l.text)))) continue;
    let j = i + 1;
    while (j < sequence.length && !('kind' in sequence[j]! && (sequence[j] as Heading).level <= item.level)) j++;
    const lines = sequence.slice(i + 1, j).filter((x): x is Line => !('kind' in x));
    const found: { note: Note; lines: string[] }[] = [];
    for (const l of lines) {
      const start = noteStart(l, notes.length + found.length + 1);
      if (start) found.push({ note: { label: start.label, text: '', page: labels[l.page] }, lines: [start.text] });
      else found[found.length - 1]?.lines.push(l.text);
    }
    if (!found.length || noteStart(lines[0]!, notes.length + 1) === undefined) continue;
    for (const f of found) notes.push({ ...f.note, text: joiner.join(f.lines) });
    out.pop();
    i = j - 1;
  }
  return out;
}
