// Joining the lines of a printed paragraph back into running text. The hard part is a hyphen at
// the end of a line: the typesetter's ("devel-" / "opment": drop it) or the author's ("co-" /
// "operation", "High-" / "Level": keep it). The document's own vocabulary decides: how it spells
// the word where no line break interferes.

const WORD = /[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)*/gu;
// A hyphen at a line end, after a letter: ASCII hyphen-minus, Unicode hyphen, non-breaking hyphen, soft hyphen.
const LINE_END_HYPHEN = /(\p{L})([-\u2010\u2011\u00AD])$/u;
const LEADING_WORD = /^[\p{L}\p{N}]+/u;
const TRAILING_WORD = /[\p{L}\p{N}]+$/u;

export interface LineJoiner {
  /** The lines of one paragraph (or note), joined with spaces or across a hyphen. */
  join(lines: string[]): string;
}

/**
 * Builds a joiner from every line of the document, in reading order. A document that breaks words
 * with U+2010 (as WeasyPrint and many typesetters do) keeps its ASCII line-end hyphens; one that
 * uses ASCII hyphens for its own breaks shows it by splitting words it spells whole elsewhere.
 */
export function lineJoiner(allLines: string[]): LineJoiner {
  const counts = new Map<string, number>();
  const add = (w: string) => counts.set(w, (counts.get(w) ?? 0) + 1);
  let unicodeBreaks = 0;
  const asciiBreaks: [string, string][] = [];
  for (let i = 0; i < allLines.length; i++) {
    const line = allLines[i]!;
    const brokenBefore = i > 0 && LINE_END_HYPHEN.test(allLines[i - 1]!);
    const brokenAfter = LINE_END_HYPHEN.exec(line);
    const words = line.match(WORD) ?? [];
    words.forEach((w, k) => {
      if ((k === 0 && brokenBefore) || (k === words.length - 1 && brokenAfter)) return;
      add(normal(w));
    });
    if (brokenAfter) {
      if (brokenAfter[2] !== '-') unicodeBreaks++;
      else {
        const head = TRAILING_WORD.exec(line.slice(0, -1))?.[0];
        const tail = LEADING_WORD.exec(allLines[i + 1] ?? '')?.[0];
        if (head && tail && /^\p{Ll}/u.test(tail)) asciiBreaks.push([head, tail]);
      }
    }
  }
  const count = (w: string) => counts.get(normal(w)) ?? 0;
  // ASCII hyphens are the typesetter's when most of them split a word the document spells whole,
  // and the author's when most do not; with too few to tell, each is judged on the vocabulary.
  const splitWhole = asciiBreaks.filter(([h, t]) => count(h + t) > 0 && count(`${h}-${t}`) === 0).length;
  const share = asciiBreaks.length ? splitWhole / asciiBreaks.length : 0;
  const ascii = unicodeBreaks > 0 || (asciiBreaks.length >= 3 && share < 0.5) ? 'author' : asciiBreaks.length >= 2 && share >= 0.5 ? 'typesetter' : 'unknown';

  const keepHyphen = (head: string, tail: string, hyphen: string): boolean => {
    if (hyphen === '\u00AD') return false;
    const whole = count(head + tail);
    const hyphenated = count(`${head}-${tail}`);
    // U+2010 at a line end, in a document that writes its own hyphens in ASCII: the typesetter's.
    if (hyphen !== '-' && unicodeBreaks > 0) return hyphenated > 0 && whole === 0;
    if (!/^\p{Ll}/u.test(tail) || /^\p{Lu}+$/u.test(head) || /\p{N}/u.test(head)) return true; // High-Level, ILO-OECD, G-20
    if (ascii === 'author') return true;
    if (ascii === 'typesetter') return hyphenated > 0 && hyphenated >= whole;
    return !(whole > 0 && hyphenated === 0);
  };

  return {
    join(lines: string[]): string {
      let out = '';
      for (const raw of lines) {
        const line = raw.trim();
        if (!line) continue;
        const m = LINE_END_HYPHEN.exec(out);
        const tail = LEADING_WORD.exec(line)?.[0];
        // A URL broken at a line end: "…/docs/" + "report.pdf".
        if (/(?:https?:\/\/|www\.)\S*(?:[/_=&?#-]|\.(?=$)(?=[\s\S]*$))$/.test(out) && (!out.endsWith('.') || /^\p{Ll}/u.test(line))) out += line;
        else if (/[\p{L}\p{N}]—$/u.test(out)) out += line; // "June 2004—" + "the largest"
        else if (m && tail) {
          const head = TRAILING_WORD.exec(out.slice(0, -1))?.[0] ?? '';
          out = out.slice(0, -1) + (keepHyphen(head, tail, m[2]!) ? '-' : '') + line;
        } else out = out ? `${out} ${line}` : line;
      }
      return out.replace(/[\u2010\u2011]/g, '-').replace(/\u00AD/g, '');
    },
  };
}

function normal(word: string): string {
  return word.toLowerCase().replace(/[\u2010\u2011]/g, '-');
}
