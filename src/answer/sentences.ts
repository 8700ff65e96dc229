// Sentence boundaries inside a passage, as character ranges, so quotes are exact slices of
// the source text: an answer never paraphrases.

export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

// Words whose trailing full stop does not end a sentence.
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'no', 'nos', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'op.cit', 'cit', 'cf', 'vs', 'al', 'eds', 'ed', 'para', 'vol', 'pp', 'p', 'inc', 'ltd', 'co', 'jr', 'sr', 'fig', 'art']);

// A sentence ends at . ! ? (maybe followed by a closing quote or bracket), then space, then
// something that can start a sentence; or at a line break (list items).
const BOUNDARY = /([.!?])["'”’)\]]*(?=\s+["'“‘(\[]?[\p{Lu}\p{N}])|\n/gu;

export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const end = match.index! + match[0].length;
    if (match[0] !== '\n') {
      const before = text.slice(start, match.index!);
      const lastWord = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
      // "No. 97", "e.g. to", "Mr. Somavia", single initials ("B. Lowell") are not sentence ends.
      if (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord) || /\.\p{L}$/u.test(lastWord)) continue;
    }
    push(spans, text, start, end);
    start = end;
  }
  push(spans, text, start, text.length);
  return spans;
}

function push(spans: SentenceSpan[], text: string, from: number, to: number) {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) spans.push({ start, end, text: text.slice(start, end) });
}
