// The web page reader: Readability finds the article (no menus, cookie banners, share buttons or
// related links) on a linkedom document (jsdom 31 fails on Node 20); its title, byline and date
// describe the document, and its endnotes become notes.

import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ReadDocument } from './document.js';
import { htmlToBlocks, isBoilerplate } from './html-blocks.js';
import { ReaderError } from './reader-error.js';

export async function readHtml(bytes: Uint8Array): Promise<ReadDocument> {
  const html = decodePage(bytes);
  if (!/<(html|body|p|div|article|h[1-6])\b/i.test(html)) throw new ReaderError('is not an HTML page (no HTML elements in it); skipped');
  const { document } = parseHTML(html);
  // Boilerplate goes before Readability runs: it rewrites the article and drops the classes that show it.
  // Never a box holding most of the page's text: that is the article, whatever its class says.
  const pageText = document.body?.textContent?.length ?? 0;
  for (const el of [...document.querySelectorAll('[class], [id], [role]')]) {
    if (el.tagName !== 'BODY' && el.tagName !== 'HTML' && isBoilerplate(el) && (el.textContent?.length ?? 0) < pageText * 0.5) el.remove();
  }
  const metaContent = (selector: string) => document.querySelector(selector)?.getAttribute('content')?.trim() || undefined;
  let article: ReturnType<Readability['parse']> = null;
  try {
    // keepClasses: the note calls and back-links are recognised by their classes and roles.
    article = new Readability(document as unknown as Document, { keepClasses: true, charThreshold: 100 }).parse();
  } catch {
    article = null;
  }
  const content = article?.content ?? parseHTML(html).document.body?.innerHTML ?? '';
  const { blocks, notes } = htmlToBlocks(content, { skipBoilerplate: true, notesFrom: html });
  const title = article?.title?.trim() || parseHTML(html).document.querySelector('title')?.textContent?.trim() || undefined;
  // Readability keeps the headline out of the content; a copy of it at the top is the title again.
  if (blocks[0]?.kind === 'heading' && title && blocks[0].text === title) blocks.shift();
  const date = article?.publishedTime ?? metaContent('meta[property="article:published_time"]');
  const year = Number(/\b(1[89]\d\d|20\d\d)\b/.exec(date ?? '')?.[1]) || undefined;
  const publisher = article?.byline?.trim() || metaContent('meta[name="author"]') || article?.siteName?.trim() || undefined;
  const source = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metaContent('meta[property="og:url"]');
  return { meta: { title, year, publisher, source: source || undefined }, blocks, notes };
}

/** The page's text in the encoding it declares (<meta charset>), UTF-8 when it declares none. */
function decodePage(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(bytes[0] === 0xef && bytes[1] === 0xbb ? 'utf-8' : (declared ?? 'utf-8'));
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes).replace(/^\uFEFF/, '');
}
