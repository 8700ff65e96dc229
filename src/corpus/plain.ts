// Markdown inline markup → the plain text people read and answers quote.

const FOOTNOTE_MARKER = /<sup>\s*\[?\d+\]?\s*<\/sup>|\[\^[^\]]+\]/g;
const IMAGE = /!\[([^\]]*)\]\([^)]*\)/g;
const LINK = /\[([^\]]+)\]\([^)]*\)/g;
const AUTOLINK = /<((?:https?|mailto):[^>\s]+)>/g;
const HTML_TAG = /<\/?[a-zA-Z][^<>]*>/g;
const STRONG = /(\*\*|__)(?=\S)([\s\S]*?\S)\1/g;
// Single * or _ emphasis only when it hugs words, so "5 * 3" and snake_case survive.
const EM_STAR = /(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g;
const EM_UNDERSCORE = /(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g;
const CODE = /`([^`]+)`/g;
const ESCAPE = /\\([\\`*_{}[\]()#+\-.!<>|])/g;

export function toPlainText(markdown: string): string {
  return markdown
    .replace(FOOTNOTE_MARKER, '')
    .replace(IMAGE, '$1')
    .replace(LINK, '$1')
    .replace(AUTOLINK, '$1')
    .replace(HTML_TAG, '')
    .replace(STRONG, '$2')
    .replace(EM_STAR, '$1$2')
    .replace(EM_UNDERSCORE, '$1$2')
    .replace(CODE, '$1')
    .replace(ESCAPE, '$1')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

export function slugify(text: string, maxWords = 6): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  return words.slice(0, maxWords).join('-') || 'untitled';
}
