// The raw material of a PDF, read with pdf.js: every text run with its position, size and font,
// page by page, plus what the file says about itself (bookmarks, tagged headings, printed page
// labels, info dictionary). Structure is rebuilt from this in layout.ts, never from pdf.js lines.

// The legacy build runs on Node 20 without DOMMatrix; 6.x needs Node 22 (see platform-facts.md).
import { getDocument, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ReaderError } from '../reader-error.js';

export interface RawItem {
  str: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  size: number;
  font: string;
  /** Set when the font's real name is known (only read when the file has no bookmarks or tags). */
  bold?: boolean;
  /** Marked-content id, to tie the text to the tagged structure tree. */
  mcid?: string;
}

export interface RawPage {
  width: number;
  height: number;
  items: RawItem[];
  /** The label the file assigns (PageLabels), if any. */
  label?: string;
}

export interface OutlineEntry {
  title: string;
  depth: number;
}

export interface TaggedHeading {
  level: number;
  mcids: string[];
}

export interface RawPdf {
  pages: RawPage[];
  outline: OutlineEntry[];
  /** Headings from the tagged structure tree, page by page. */
  tagged: TaggedHeading[][];
  info: { title?: string; author?: string };
}

const LIGATURES: Record<string, string> = { '\uFB00': 'ff', '\uFB01': 'fi', '\uFB02': 'fl', '\uFB03': 'ffi', '\uFB04': 'ffl', '\uFB05': 'st', '\uFB06': 'st' };

/** withWeights: read font weights even when bookmarks or tags are there (they did not match the text). */
export async function extractPdf(bytes: Uint8Array, options: { withWeights?: boolean } = {}): Promise<RawPdf> {
  let doc: PDFDocumentProxy;
  try {
    // A copy: pdf.js takes ownership of (detaches) the buffer it is given.
    doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, stopAtErrors: false }).promise;
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === 'PasswordException') throw new ReaderError('is protected by a password; skipped (save a copy without the password to index it)');
    if (name === 'InvalidPDFException') throw new ReaderError('is not a readable PDF (damaged or not a PDF at all); skipped');
    throw new ReaderError(`could not be opened as a PDF (${(err as Error)?.message ?? String(err)}); skipped`);
  }
  try {
    const outline = flattenOutline((await doc.getOutline().catch(() => null)) ?? [], 0);
    const labels = await doc.getPageLabels().catch(() => null);
    const meta = await doc.getMetadata().catch(() => undefined);
    const info = (meta?.info ?? {}) as Record<string, unknown>;
    // Only tagged files ("Marked") have a structure tree worth reading page by page.
    const marked = Boolean(((await doc.getMarkInfo().catch(() => null)) as { Marked?: boolean } | null)?.Marked);
    const pages: RawPage[] = [];
    const tagged: TaggedHeading[][] = [];
    let fontsNeeded = options.withWeights === true || outline.length === 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const tree = marked ? await page.getStructTree().catch(() => null) : null;
      const headings = tree ? taggedHeadings(tree) : [];
      tagged.push(headings);
      if (n === 1 && headings.length && !options.withWeights) fontsNeeded = false;
      pages.push(await readPage(page, fontsNeeded, labels?.[n - 1] ?? undefined, marked));
      page.cleanup();
    }
    return {
      pages,
      outline,
      tagged,
      info: { title: typeof info.Title === 'string' ? info.Title : undefined, author: typeof info.Author === 'string' ? info.Author : undefined },
    };
  } finally {
    await doc.destroy().catch(() => {});
  }
}

async function readPage(page: PDFPageProxy, withFonts: boolean, label: string | undefined, marked: boolean): Promise<RawPage> {
  const [, , width, height] = page.view as [number, number, number, number];
  const content = await page.getTextContent({ includeMarkedContent: marked });
  // Real font names (for bold) are known only once the page's fonts are loaded: 35-65 ms a page,
  // so only when there are no bookmarks or tags to take the headings from.
  const bold = new Map<string, boolean>();
  if (withFonts) {
    await page.getOperatorList().catch(() => undefined);
    for (const item of content.items) {
      if (!('fontName' in item) || bold.has(item.fontName)) continue;
      let name = '';
      try {
        name = String((page.commonObjs.get(item.fontName) as { name?: string })?.name ?? '');
      } catch {
        name = '';
      }
      bold.set(item.fontName, /bold|black|heavy|semibold|demi/i.test(name));
    }
  }
  const items: RawItem[] = [];
  const mcids: string[] = [];
  for (const item of content.items) {
    if (!('str' in item)) {
      if (item.type === 'beginMarkedContentProps' && item.id) mcids.push(item.id);
      else if (item.type === 'beginMarkedContent') mcids.push('');
      else if (item.type === 'endMarkedContent') mcids.pop();
      continue;
    }
    if (!item.str) continue;
    const [a, b, , , x, y] = item.transform as number[];
    const size = Math.hypot(a!, b!) || item.height;
    if (Math.abs(b!) > Math.abs(a!) * 0.1) continue; // rotated text: margins notes, stamps, watermarks
    items.push({
      str: item.str.replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c] ?? c),
      x: x!,
      y: y!,
      width: item.width,
      size,
      font: item.fontName,
      bold: withFonts ? bold.get(item.fontName) : undefined,
      mcid: [...mcids].reverse().find((m) => m) || undefined,
    });
  }
  return { width, height, items, label };
}

function flattenOutline(items: { title: string; items: unknown[] }[], depth: number): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  for (const item of items) {
    if (item.title?.trim()) out.push({ title: item.title.trim(), depth });
    out.push(...flattenOutline((item.items ?? []) as { title: string; items: unknown[] }[], depth + 1));
  }
  return out;
}

interface StructNode {
  role?: string;
  children?: (StructNode | { type: string; id: string })[];
}

/** H, H1..H6 and Title nodes of a tagged PDF page, with the marked-content ids they cover. */
function taggedHeadings(tree: StructNode): TaggedHeading[] {
  const out: TaggedHeading[] = [];
  const ids = (node: StructNode): string[] =>
    (node.children ?? []).flatMap((c) => ('type' in c && c.type === 'content' ? [(c as { id: string }).id] : 'children' in c || 'role' in c ? ids(c as StructNode) : []));
  const walk = (node: StructNode) => {
    const role = node.role ?? '';
    const m = /^H([1-6])?$/.exec(role);
    if (m || role === 'Title') {
      out.push({ level: role === 'Title' ? 1 : m![1] ? Number(m![1]) : 2, mcids: ids(node) });
      return;
    }
    for (const c of node.children ?? []) if ('role' in c || 'children' in c) walk(c as StructNode);
  };
  walk(tree);
  return out.filter((h) => h.mcids.length);
}
