// HTML (a web page's article, or what mammoth makes of a Word file) → headings, paragraphs,
// list items and notes. Note calls ("<a href="#fn3"><sup>3</sup></a>") are taken out of the text,
// the notes they point to become notes numbered in the order they are first called, and their
// back-links ("↩", "↑") are dropped.

import { parseHTML } from 'linkedom';
import type { Block, Note } from './document.js';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'nav', 'aside', 'footer', 'header', 'form', 'button', 'select', 'input', 'textarea', 'iframe', 'svg', 'canvas', 'video', 'audio', 'img', 'picture', 'hr', 'br', 'dialog', 'menu']);
// Boilerplate a readability pass may leave inside an article.
// Matched against whole class / id tokens, so "social-protection" or "shared-services" is kept.
export const BOILERPLATE = /^(cookies?|consent|share|sharing|social-(share|links|media|icons)|related|newsletter|breadcrumbs?|toc|table-of-contents|advert|ads?|promo|subscribe|back-to-top|skip-link|callout|sidebar|banner)([-_].*)?$/i;
const BLOCK = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote', 'figcaption', 'dd', 'dt', 'td', 'th', 'caption']);
const MARKER = /^\s*[[(]?\s*(\d{1,3}|[ivx]{1,5}|[*†‡§])\s*[\])]?\s*$/i;
const BACKLINK = /^\s*[↩↑^⤴]\uFE0E?\uFE0F?\s*$|^\s*(back|return)(\s+to\s+(text|content))?\s*$/i;

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
  parentNode?: DomNode | null;
}

export interface HtmlContent {
  blocks: Block[];
  notes: Note[];
}

/**
 * notesFrom: the whole page, when html is an extract of it (Readability's article): notes the
 * extract left out (an <aside> at the end of the page) are still found there.
 */
export function htmlToBlocks(html: string, options: { skipBoilerplate?: boolean; notesFrom?: string } = {}): HtmlContent {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const root = document.body as unknown as DomNode;
  const byId = new Map<string, DomNode>();
  const index = (n: DomNode) => {
    const id = n.getAttribute?.('id');
    if (id && !byId.has(id)) byId.set(id, n);
  };
  walkAll(root, index);
  if (options.notesFrom) walkAll(parseHTML(options.notesFrom).document.documentElement as unknown as DomNode, index);

  // Which elements are note texts: the targets of note calls.
  const calls = new Map<DomNode, string>(); // call element → target id
  walkAll(root, (n) => {
    if (n.nodeName.toLowerCase() !== 'a') return;
    const href = n.getAttribute?.('href') ?? '';
    const role = n.getAttribute?.('role') ?? '';
    if (!href.startsWith('#') || !byId.has(href.slice(1))) return;
    const inSup = n.nodeName.toLowerCase() === 'sup' || hasAncestor(n, 'sup') || hasDescendant(n, 'sup');
    const marked = /noteref|footnote-ref|fnref/i.test(`${n.getAttribute?.('class') ?? ''} ${n.getAttribute?.('epub:type') ?? ''}`);
    if (role === 'doc-noteref' || ((inSup || marked) && MARKER.test(n.textContent ?? ''))) calls.set(n, href.slice(1));
  });
  const noteOf = new Map<string, DomNode>(); // target id → the note's element (li, aside, div, p)
  for (const id of new Set(calls.values())) {
    const el = noteElement(byId.get(id)!);
    // A superscript link to a section ("see 2") is a cross-reference, not a note.
    if (['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].some((h) => el.nodeName.toLowerCase() === h || hasDescendant(el, h)) || (el.textContent ?? '').length > 4000) {
      for (const [call, target] of calls) if (target === id) calls.delete(call);
      continue;
    }
    noteOf.set(id, el);
  }
  const noteElements = new Set(noteOf.values());

  const blocks: Block[] = [];
  const order: string[] = [];
  const textOf = (node: DomNode): string => {
    let out = '';
    const visit = (n: DomNode, isRoot = false) => {
      if (n.nodeType === 3) {
        out += n.textContent ?? '';
        return;
      }
      if (n.nodeType !== 1) return;
      const tag = n.nodeName.toLowerCase();
      if (calls.has(n)) {
        const id = calls.get(n)!;
        if (!order.includes(id)) order.push(id);
        return;
      }
      // A <sup> wrapping a note call.
      if (tag === 'sup' && [...descendants(n)].some((d) => calls.has(d))) {
        for (const d of descendants(n)) if (calls.has(d) && !order.includes(calls.get(d)!)) order.push(calls.get(d)!);
        return;
      }
      // A bare superscript number (no link): a note call all the same.
      if (tag === 'sup' && !hasDescendant(n, 'a') && /^\s*\[?\d{1,3}\]?\s*$/.test(n.textContent ?? '')) return;
      if (tag === 'a' && isBacklink(n)) return;
      if (tag === 'br') {
        out += ' ';
        return;
      }
      // The element asked for is read even if its kind is skipped in running text (a note in an <aside>).
      if (SKIP.has(tag) && !isRoot) return;
      for (const c of Array.from(n.childNodes)) visit(c);
      if (BLOCK.has(tag) || tag === 'div') out += ' ';
    };
    visit(node, true);
    return out.replace(/[\u00A0\u2000-\u200A\u202F]/g, ' ').replace(/[\u200B-\u200D\uFEFF]/g, '').replace(/\s+/g, ' ').trim();
  };

  const walk = (n: DomNode) => {
    if (n.nodeType !== 1) return;
    const tag = n.nodeName.toLowerCase();
    if (SKIP.has(tag) || noteElements.has(n)) return;
    if (options.skipBoilerplate && isBoilerplate(n)) return;
    if ((n.getAttribute?.('role') ?? '') === 'doc-endnotes' || (n.getAttribute?.('role') ?? '') === 'doc-footnotes') return;
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      const text = textOf(n);
      if (text) blocks.push({ kind: 'heading', level: Number(heading[1]), text });
      return;
    }
    if (tag === 'li') {
      // An item's own text; lists nested in it become items of their own.
      const own = Array.from(n.childNodes).filter((c) => !['ul', 'ol'].includes(c.nodeName.toLowerCase()));
      const text = own.map((c) => textOf(c)).join(' ').replace(/\s+/g, ' ').trim();
      if (text) blocks.push({ kind: 'item', text });
      for (const c of Array.from(n.childNodes)) if (['ul', 'ol'].includes(c.nodeName.toLowerCase())) walk(c);
      return;
    }
    if (tag === 'tr') {
      const cells = Array.from(n.childNodes).filter((c) => ['td', 'th'].includes(c.nodeName.toLowerCase())).map((c) => textOf(c)).filter(Boolean);
      if (cells.length) blocks.push({ kind: 'paragraph', text: cells.join(' · ') });
      return;
    }
    if (tag === 'p' || tag === 'pre' || tag === 'figcaption' || tag === 'dt' || tag === 'dd' || tag === 'caption') {
      const text = textOf(n);
      if (text) blocks.push({ kind: 'paragraph', text });
      return;
    }
    // Containers: text directly inside them (not in a <p>) is a paragraph of its own.
    let loose: DomNode[] = [];
    const flushLoose = () => {
      const text = loose.map((c) => textOf(c)).join(' ').replace(/\s+/g, ' ').trim();
      if (text) blocks.push({ kind: 'paragraph', text });
      loose = [];
    };
    for (const c of Array.from(n.childNodes)) {
      const ctag = c.nodeName.toLowerCase();
      if (c.nodeType === 3 || (c.nodeType === 1 && !isBlockish(c) && !SKIP.has(ctag))) loose.push(c);
      else {
        flushLoose();
        walk(c);
      }
    }
    flushLoose();
  };
  walk(root);

  const notes: Note[] = [];
  const linked = order.filter((id) => noteOf.has(id));
  linked.forEach((id, i) => {
    const text = textOf(noteOf.get(id)!).replace(/^\s*[[(]?\d{1,3}[\])]?[.:]?\s+(?=\S)/, '');
    if (text) notes.push({ label: String(i + 1), text });
  });
  return { blocks: linked.length ? blocks : takeNotesSection(blocks, notes), notes };
}

const NOTES_HEADING = /^(?:end\s*notes|foot\s*notes|notes)$/i;

/** Without linked calls, the items (or numbered paragraphs) under a "Notes" heading are the notes. */
function takeNotesSection(blocks: Block[], notes: Note[]): Block[] {
  const out: Block[] = [];
  let level: number | undefined;
  for (const b of blocks) {
    if (b.kind === 'heading') {
      if (level !== undefined && (b.level ?? 2) <= level) level = undefined;
      if (NOTES_HEADING.test(b.text)) {
        level = b.level ?? 2;
        continue;
      }
    }
    if (level !== undefined && b.kind !== 'heading') {
      const numbered = /^\s*[[(]?(\d{1,3})[\])]?[.:]?\s+(.*)$/s.exec(b.text);
      if (b.kind === 'item' || numbered) {
        notes.push({ label: String(notes.length + 1), text: b.kind === 'item' && !numbered ? b.text : numbered![2]! });
        continue;
      }
    }
    out.push(b);
  }
  return out;
}

function isBlockish(n: DomNode): boolean {
  const tag = n.nodeName.toLowerCase();
  return BLOCK.has(tag) || ['div', 'section', 'article', 'main', 'ul', 'ol', 'dl', 'table', 'thead', 'tbody', 'tr', 'figure', 'details', 'summary'].includes(tag);
}

function isBacklink(n: DomNode): boolean {
  const role = n.getAttribute?.('role') ?? '';
  const cls = n.getAttribute?.('class') ?? '';
  const href = n.getAttribute?.('href') ?? '';
  return role === 'doc-backlink' || /footnote-back|backlink|fnref-back/i.test(cls) || (href.startsWith('#') && BACKLINK.test(n.textContent ?? ''));
}

/** The element that holds a note's text: the list item, aside or block that carries the id. */
function noteElement(target: DomNode): DomNode {
  let n: DomNode | null | undefined = target;
  while (n && !['li', 'aside', 'div', 'p', 'section', 'dd', 'td'].includes(n.nodeName.toLowerCase())) n = n.parentNode;
  return n ?? target;
}

function* descendants(n: DomNode): Generator<DomNode> {
  for (const c of Array.from(n.childNodes)) {
    yield c;
    yield* descendants(c);
  }
}

function walkAll(n: DomNode, fn: (n: DomNode) => void) {
  if (n.nodeType === 1) fn(n);
  for (const c of Array.from(n.childNodes)) walkAll(c, fn);
}

function hasAncestor(n: DomNode, tag: string): boolean {
  for (let p = n.parentNode; p; p = p.parentNode) if (p.nodeName.toLowerCase() === tag) return true;
  return false;
}

function hasDescendant(n: DomNode, tag: string): boolean {
  for (const d of descendants(n)) if (d.nodeName.toLowerCase() === tag) return true;
  return false;
}

/** A share bar, cookie notice, related-links box...: by its class, id or role tokens. */
export function isBoilerplate(n: { getAttribute?(name: string): string | null }): boolean {
  const tokens = `${n.getAttribute?.('class') ?? ''} ${n.getAttribute?.('id') ?? ''} ${n.getAttribute?.('role') ?? ''}`.split(/\s+/);
  return tokens.some((t) => t && BOILERPLATE.test(t));
}
