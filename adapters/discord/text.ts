// Making text from documents and people safe to show on Discord, and making it fit.
// Document text is quoted word for word, so it must never turn into formatting, links or
// mentions by accident: a stray "**" or "<@123>" in a policy paper stays literal.

/** The visible mark left wherever text was cut. */
export const ELLIPSIS = '…';

const URL = /(https?:\/\/[^\s<>]+)/;

/**
 * Escapes Discord markdown: emphasis, code, spoilers, masked links, mentions and other <…> widgets,
 * and headings, lists and quotes at line starts. Linear time (discord.js's escapeMarkdown is
 * quadratic on long passages). URLs stay as they are: Discord links them before reading markdown.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\r/g, '')
    .split(URL)
    .map((part, i) => (i % 2 === 1 ? part : escapePart(part)))
    .join('');
}

function escapePart(part: string): string {
  return (
    part
      // Discord drops a backslash before any ASCII punctuation, so over-escaping is invisible.
      .replace(/[\\*_~`|[]/g, '\\$&')
      // <@id>, <@&id>, <#id>, </cmd:id>, <:emoji:id>, <a:emoji:id>, <t:…>, <id:…> render as widgets even in embeds.
      .replace(/<(?=[@#]|a?:\w+:|t:-?\d|id:|\/[\w -]+:\d)/g, '\\<')
      // Headings, subtext, bullets and quotes at a line start.
      .replace(/^([ \t]*)(#{1,3}[ \t]|-#[ \t]|[-+][ \t]|>)/gm, '$1\\$2')
      // Numbered lists: "1. " at a line start.
      .replace(/^([ \t]*\d+)\.(?=[ \t])/gm, '$1\\.')
  );
}

/** Neutralises @everyone / @here for message content (embeds never ping, content can look like it does). */
export function defuseMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/g, '@\u200b$1');
}

/**
 * Cuts text to at most max characters, ending with "…" when cut. Prefers a word boundary,
 * never splits a surrogate pair, and never leaves a dangling escape backslash.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  let cut = max - ELLIPSIS.length;
  const space = text.lastIndexOf(' ', cut);
  if (space > cut - 40 && space > cut / 2) cut = space;
  let head = text.slice(0, cut);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  // An odd run of trailing backslashes would escape the ellipsis or half an escape pair.
  const slashes = /\\+$/.exec(head)?.[0].length ?? 0;
  if (slashes % 2 === 1) head = head.slice(0, -1);
  return head.trimEnd() + ELLIPSIS;
}

/**
 * Shares a budget between parts that want `wants[i]` characters each (water-filling): short parts
 * get all they want, long parts split what is left evenly. Returns each part's allowance.
 */
export function shareBudget(wants: readonly number[], budget: number): number[] {
  const grant = wants.map(() => 0);
  let left = Math.max(0, budget);
  const order = wants.map((w, i) => [w, i] as const).sort((a, b) => a[0] - b[0]);
  order.forEach(([want, i], rank) => {
    const fair = Math.floor(left / (order.length - rank));
    const given = Math.min(want, fair);
    grant[i] = given;
    left -= given;
  });
  return grant;
}

/** Splits one line into pieces of at most max characters, at spaces where it can; nothing is lost. */
export function splitLongLine(line: string, maxLength: number): string[] {
  const max = Math.max(maxLength, 8);
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    if (/[\uD800-\uDBFF]/.test(rest[cut - 1] ?? '')) cut--;
    // Keep an escape backslash with the character it escapes.
    const slashes = /\\+$/.exec(rest.slice(0, cut))?.[0].length ?? 0;
    if (slashes % 2 === 1) cut--;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  pieces.push(rest);
  return pieces;
}

/** Prefixes every line with "> " so a multi-line quote stays one Discord block quote. */
export function blockQuote(escaped: string): string {
  return escaped
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}
