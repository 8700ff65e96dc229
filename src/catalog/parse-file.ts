// One catalog file's YAML, read into raw entries that remember where they stand in the file,
// so every later complaint can point at a line. YAML only: no front-matter tricks, no code.

import { LineCounter, isMap, isNode, isSeq, parseDocument } from 'yaml';

export interface RawEntry {
  value: unknown;
  /** 1-based position in the file's entries list. */
  index: number;
  /** 1-based line of the entry in the file, when known. */
  line?: number;
}

export interface ParsedFile {
  entries: RawEntry[];
  /** Words people put before names ("ILO", "UN"), from the optional "qualifiers" list. */
  qualifiers: string[];
  problems: string[];
}

const TOP_LEVEL_KEYS = ['entries', 'qualifiers'];

/** `file` is only used in messages: the path people will recognise. */
export function parseCatalogFile(text: string, file: string): ParsedFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      entries: [],
      qualifiers: [],
      problems: doc.errors.map((e) => {
        const line = e.linePos?.[0].line;
        // The library's message carries a code excerpt after the first line; the first line is the point.
        const message = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
        return `${file}${line ? ` line ${line}` : ''}: YAML syntax error: ${message}`;
      }),
    };
  }

  // A file holding only comments is an empty catalog, not a mistake.
  if (doc.contents === null) return { entries: [], qualifiers: [], problems: [] };

  const root = doc.contents;
  if (!isMap(root)) {
    return { entries: [], qualifiers: [], problems: [`${file}: expected a mapping with an "entries" list at the top`] };
  }

  const problems: string[] = [];
  let js: Record<string, unknown>;
  try {
    // maxAliasCount: a few lines of nested aliases can expand to gigabytes ("billion laughs").
    js = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (err) {
    // e.g. YAML aliases expanding past the library's limit (a "billion laughs" file).
    return { entries: [], qualifiers: [], problems: [`${file}: cannot be read: ${(err as Error).message}`] };
  }
  for (const key of Object.keys(js)) {
    if (!TOP_LEVEL_KEYS.includes(key)) problems.push(`${file}: unknown top-level key "${key}" (expected "entries" and optionally "qualifiers")`);
  }
  const qualifiers: string[] = [];
  if (js.qualifiers !== undefined) {
    if (Array.isArray(js.qualifiers) && js.qualifiers.every((q) => typeof q === 'string' && q.trim())) qualifiers.push(...(js.qualifiers as string[]));
    else problems.push(`${file}: "qualifiers" must be a list of words, e.g. [ILO, UN]`);
  }

  const list = root.get('entries', true);
  if (list === undefined) {
    problems.push(`${file}: missing the "entries" list`);
    return { entries: [], qualifiers, problems };
  }
  const values = js.entries;
  if (!isSeq(list) || !Array.isArray(values)) {
    problems.push(`${file}: "entries" must be a list`);
    return { entries: [], qualifiers, problems };
  }

  const entries = values.map((value: unknown, i): RawEntry => {
    const entry: RawEntry = { value, index: i + 1 };
    const node = list.items[i];
    const offset = isNode(node) ? node.range?.[0] : undefined;
    if (offset !== undefined) entry.line = lines.linePos(offset).line;
    return entry;
  });
  return { entries, qualifiers, problems };
}
