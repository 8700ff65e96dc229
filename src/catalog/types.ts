// The catalog's public shapes: the things the documents talk about (conventions, programmes,
// issues, organisations, events), each with the names people actually use for them.

export const ENTRY_KINDS = ['convention', 'programme', 'issue', 'organisation', 'event'] as const;

export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface CatalogEntry {
  kind: EntryKind;
  id: string;
  name: string;
  aliases: string[];
  year?: number;
  summary: string;
  related: string[];
  /** The catalog file that defines the entry, relative to the seeds folder ("/" separated). */
  file: string;
}

export interface Catalog {
  readonly entries: readonly CatalogEntry[];
  /** Words people put before a name that the names may not carry ("ILO" in "the ILO MIGRANT programme"). */
  readonly qualifiers?: readonly string[];
  get(id: string): CatalogEntry | undefined;
  /** Lookup by id, name or alias, forgiving case, punctuation, spacing, leading "the", "No."/"Convention"/"C" variants for numbers ("c143", "convention no 143", "No.143" all find c143). Optional kinds restrict. */
  find(name: string, kinds?: readonly EntryKind[]): CatalogEntry | undefined;
  /** Nearest entries by name/alias (for "no entry called X — did you mean …"), best first. */
  nearest(name: string, limit: number, kinds?: readonly EntryKind[]): CatalogEntry[];
  /** Entries that a piece of text mentions by name or alias (word-bounded, case-insensitive), in order of first mention. */
  mentionedIn(text: string): CatalogEntry[];
}

/** Everything wrong with the catalog files, found in one pass so a team can fix it in one go. */
export class CatalogError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      problems.length === 1
        ? `Catalog problem: ${problems[0]}`
        : `${problems.length} catalog problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'CatalogError';
    this.problems = problems;
  }
}
