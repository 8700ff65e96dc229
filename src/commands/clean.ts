// What a person typed → a question fit to search: trimmed, one space between words,
// control characters out, and capped so a pasted essay cannot stall the index.

export const MAX_QUESTION_CHARS = 500;

export interface CleanText {
  text: string;
  /** Set when the text was cut to MAX_QUESTION_CHARS. */
  truncatedFrom?: number;
}

export function cleanText(raw: string, max = MAX_QUESTION_CHARS): CleanText {
  const text = raw
    .normalize('NFC')
    // Controls and line separators become spaces. Zero-width characters stay as typed (a joiner
    // holds an emoji sequence together); search ignores them (searchText in search/text.ts).
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ')
    // A byte-order mark is invisible, but \s would take it for a space and split the word.
    .replace(/\uFEFF/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return { text };
  const cut = text.slice(0, max);
  const atWord = cut.replace(/\s+\S*$/, '');
  // Don't split a surrogate pair (an emoji) in half.
  const safe = (atWord.length > max * 0.8 ? atWord : cut).replace(/[\uD800-\uDBFF]$/, '');
  return { text: safe, truncatedFrom: text.length };
}

export function truncationNote(clean: CleanText): string[] {
  return clean.truncatedFrom
    ? [`Only the first ${MAX_QUESTION_CHARS} characters of your question (of ${clean.truncatedFrom}) were used; the rest was ignored.`]
    : [];
}
