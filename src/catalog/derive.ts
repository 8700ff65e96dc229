// Catalog entries found in the documents themselves, so a document dropped into seeds/ needs no
// hand-written YAML: ILO instrument citations ("Migrant Workers (Supplementary Provisions)
// Convention, 1975 (No. 143)", "Convention No. 97", "C097", "C.97") and acronyms the text
// defines ("International Migration Policy Programme (IMP)"). A document whose title names an
// entry also lends it its title as an alias. Entries of the catalog files win on any conflict.

import type { Corpus } from '../corpus/types.js';
import { splitSentences } from '../answer/sentences.js';
import { createCatalog } from './catalog.js';
import type { Catalog, CatalogEntry, EntryKind } from './types.js';
import { conventionNumber, lookupKey } from './words.js';

/** Marks the `file` of a derived entry: "derived from <document file>". */
export const DERIVED_PREFIX = 'derived from ';

export interface DeriveOptions {
  /** Find ILO instrument citations ("Convention, 1975 (No. 143)", "C097"). */
  instruments: boolean;
  /** Find acronyms the text defines ("International Migration Policy Programme (IMP)"). */
  acronyms: boolean;
  /** A derived entry's summary: the sentence that names it, cut to this many characters. */
  maxSummaryChars: number;
}

export const DEFAULT_DERIVE_OPTIONS: DeriveOptions = { instruments: true, acronyms: true, maxSummaryChars: 300 };

// A name is a run of capitalised words, bracketed capitalised groups and small joining words.
const NAME_WORD = String.raw`(?:[A-Z][\p{L}'’-]*|\([A-Z][^()]{0,60}\)|of|for|on|the|and|in|to|concerning)`;
const INSTRUMENT_HEAD = String.raw`(Convention|Recommendation|Protocol)`;
/** "Migration for Employment Convention (Revised), 1949 (No. 97)", "… Convention of 1949 (No. 97)". */
const NAMED_INSTRUMENT = new RegExp(
  String.raw`((?:[A-Z][\p{L}'’-]*)(?:\s+${NAME_WORD}){0,12}?\s+${INSTRUMENT_HEAD}(?:\s+\(Revised\))?)(?:,?\s+(?:of\s+)?(1[89]\d\d|20\d\d))?,?\s*\(No\.?\s*(\d{1,3})\)`,
  'gu',
);
/** "Convention No. 97", "C097", "C.97", "C 143". */
const NUMBERED_CONVENTION = /\b(?:Convention\s+No\.?\s*|C\.?\s?0*)(\d{1,3})\b/g;
/** "(IMP)", "(SAP-FL)", "(ILO)": two to ten capitals, digits or hyphens, a capital first. */
const ACRONYM = /\(([A-Z][A-Z0-9&-]{1,9})\)/g;

const SMALL_WORDS = new Set(['of', 'for', 'on', 'the', 'and', 'in', 'to', 'a', 'an', 'at', 'by', 'with', 'against', 'concerning']);

const KIND_BY_HEAD: readonly [RegExp, EntryKind][] = [
  [/\b(convention|declaration|resolution|recommendation|protocol|agreement|covenant|directive|plan of action|charter|treaty)\b/i, 'convention'],
  [/\b(programmes?|programs?|projects?|initiatives?|database|network|facility|campaign|guide|survey|report)\b/i, 'programme'],
  [/\b(dialogue|conference|summit|meeting|forum|session|workshop|seminar)\b/i, 'event'],
];

interface Found {
  entry: CatalogEntry;
  /** The document the entry was found in. */
  slug: string;
}

/** Every entry the documents name, first finding first; one per id and per name. */
export function deriveEntries(corpus: Pick<Corpus, 'documents' | 'passages'>, options: DeriveOptions = DEFAULT_DERIVE_OPTIONS): CatalogEntry[] {
  const found = new Map<string, Found>();
  const byKey = new Map<string, CatalogEntry>();
  const add = (entry: CatalogEntry, slug: string) => {
    const existing = found.get(entry.id);
    if (existing) {
      // A later, fuller citation names a numbered convention seen bare first.
      if (existing.entry.name.startsWith('Convention No.') && !entry.name.startsWith('Convention No.')) {
        existing.entry.aliases = unique([...entry.aliases, existing.entry.name, ...existing.entry.aliases].filter((a) => a !== entry.name));
        existing.entry.name = entry.name;
        existing.entry.year ??= entry.year;
        existing.entry.summary = entry.summary;
      }
      return;
    }
    const keys = [entry.name, ...entry.aliases].map(lookupKey);
    if (keys.some((k) => byKey.has(k))) return;
    for (const k of keys) byKey.set(k, entry);
    found.set(entry.id, { entry, slug });
  };
  const fileOf = new Map(corpus.documents.map((d) => [d.slug, d.file]));

  for (const doc of corpus.documents) {
    for (const entry of entriesIn(doc.title, doc.title, doc.file, options)) add({ ...entry, aliases: unique([...entry.aliases, doc.title]) }, doc.slug);
  }
  for (const p of corpus.passages) {
    // Copies: add() completes the first entry it keeps, and the remembered ones must stay as found.
    for (const entry of namedIn(p, fileOf.get(p.doc) ?? p.doc, options)) add({ ...entry, aliases: [...entry.aliases] }, p.doc);
  }
  return [...found.values()].map((f) => f.entry);
}

// The live library derives again after every document change: what each passage names is
// remembered per passage (unchanged passages stay the same objects), so that costs a lookup.
const remembered = new WeakMap<object, { file: string; entries: CatalogEntry[] }>();

function namedIn(p: Corpus['passages'][number], file: string, options: DeriveOptions): CatalogEntry[] {
  if (options !== DEFAULT_DERIVE_OPTIONS) return entriesIn(p.text, undefined, file, options);
  const hit = remembered.get(p);
  if (hit && hit.file === file) return hit.entries;
  const entries = entriesIn(p.text, undefined, file, options);
  remembered.set(p, { file, entries });
  return entries;
}

/** The catalog with the derived entries added; an entry that clashes with one already there (same id, name, alias or convention number) is left out. */
export function withDerivedEntries(catalog: Catalog, derived: readonly CatalogEntry[]): Catalog {
  const base = catalog.entries.filter((e) => !e.file.startsWith(DERIVED_PREFIX));
  const ids = new Set(base.map((e) => e.id));
  const keys = new Set<string>();
  const numbers = new Set<number>();
  for (const e of base) {
    for (const name of [e.id, e.name, ...e.aliases]) {
      const key = lookupKey(name);
      keys.add(key);
      const n = conventionNumber(key);
      if (n !== undefined && e.kind === 'convention') numbers.add(n);
    }
  }
  // A qualifier ("ILO") is the catalog's word for who speaks, not a thing the documents discuss.
  for (const q of catalog.qualifiers ?? []) keys.add(lookupKey(q));
  const kept = derived.filter((e) => {
    if (ids.has(e.id)) return false;
    const entryKeys = [e.name, ...e.aliases].map(lookupKey);
    if (entryKeys.some((k) => keys.has(k))) return false;
    if (e.kind === 'convention' && entryKeys.some((k) => numbers.has(conventionNumber(k) ?? -1))) return false;
    return true;
  });
  if (!kept.length && base.length === catalog.entries.length) return catalog;
  return createCatalog([...base, ...kept], catalog.qualifiers ?? []);
}

function entriesIn(text: string, title: string | undefined, file: string, options: DeriveOptions): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  // A passage is cut into sentences once, however many names it cites.
  let sentences: ReturnType<typeof splitSentences> | undefined;
  const summary = (at: number) => sentenceAround(text, (sentences ??= splitSentences(text)), at, options.maxSummaryChars);
  const source = `${DERIVED_PREFIX}${file}`;
  if (options.instruments) {
    for (const m of text.matchAll(NAMED_INSTRUMENT)) {
      const name = cleanName(m[1]!);
      const head = m[2]!.toLowerCase();
      const n = Number(m[4]);
      const prefix = head === 'convention' ? 'c' : head === 'recommendation' ? 'r' : 'p';
      const code = `${prefix.toUpperCase()}${String(n).padStart(3, '0')}`;
      const aliases = head === 'convention' ? [`C${n}`, code, `Convention No. ${n}`] : [`${m[2]} No. ${n}`];
      out.push(entry('convention', `${prefix}${String(n).padStart(3, '0')}`, name, aliases, m[3] ? Number(m[3]) : undefined, title ?? summary(m.index!), source));
    }
    for (const m of text.matchAll(NUMBERED_CONVENTION)) {
      const n = Number(m[1]);
      out.push(entry('convention', `c${String(n).padStart(3, '0')}`, `Convention No. ${n}`, [`C${n}`, `C${String(n).padStart(3, '0')}`], undefined, title ?? summary(m.index!), source));
    }
  }
  if (options.acronyms) {
    for (const m of text.matchAll(ACRONYM)) {
      const acronym = m[1]!;
      const long = longForm(text.slice(Math.max(0, m.index! - 200), m.index!), acronym);
      if (!long) continue;
      const kind = KIND_BY_HEAD.find(([re]) => re.test(long))?.[1] ?? 'organisation';
      out.push(entry(kind, slugId(acronym), long, [acronym], undefined, title ?? summary(m.index!), source));
    }
  }
  return out;
}

/**
 * The words before "(IMP)" that the acronym abbreviates: the shortest run of capitalised words
 * (small joining words allowed inside) whose initials hold the acronym's letters in order,
 * starting with its first letter.
 */
function longForm(before: string, acronym: string): string | undefined {
  const words = before.trimEnd().split(/\s+/);
  const letters = acronym.replace(/[^A-Z]/g, '');
  if (letters.length < 2) return undefined;
  const maxWords = Math.min(letters.length + 5, letters.length * 2 + 1);
  for (let count = 1; count <= Math.min(maxWords, words.length); count++) {
    const run = words.slice(words.length - count);
    const first = run[0]!.replace(/^[^\p{L}]+/u, '');
    if (!/^\p{Lu}/u.test(first) || first[0] !== letters[0]) continue;
    if (run.some((w) => /[.;:!?]$/.test(w)) && !/[.;:!?]$/.test(run[run.length - 1]!)) continue;
    const content = run.filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
    if (!content.every((w) => /^[\p{Lu}(]/u.test(w.replace(/^[^\p{L}(]+/u, '')))) continue;
    if (initialsHold(content.join(' '), letters)) return cleanName(run.join(' '));
  }
  return undefined;
}

/** Whether the acronym's letters appear in order in the words, each word's initial used for the first. */
function initialsHold(words: string, letters: string): boolean {
  const text = words.toUpperCase();
  let at = 0;
  for (const letter of letters) {
    const next = text.indexOf(letter, at);
    if (next < 0) return false;
    at = next + 1;
  }
  // Most letters should start words: "International Migration Policy Programme" for IMP, not "Immigration" for IMP.
  const initials = words.split(/[\s-]+/).map((w) => w.replace(/^[^\p{L}]+/u, '')[0]?.toUpperCase() ?? '');
  const fromInitials = [...letters].filter((l) => initials.includes(l)).length;
  return fromInitials >= Math.ceil(letters.length * 0.6);
}

function cleanName(name: string): string {
  return name
    .replace(/\s+/g, ' ')
    .replace(/^(?:the|The|ILO|ILO's|UN)\s+/, '')
    .replace(/[,;:]$/, '')
    .trim();
}

function sentenceAround(text: string, sentences: ReturnType<typeof splitSentences>, at: number, max: number): string {
  const sentence = sentences.find((s) => s.start <= at && at < s.end)?.text ?? text;
  return sentence.length > max ? `${sentence.slice(0, max - 1).trimEnd()}…` : sentence;
}

function entry(kind: EntryKind, id: string, name: string, aliases: string[], year: number | undefined, summary: string, file: string): CatalogEntry {
  return { kind, id, name, aliases: unique(aliases.filter((a) => a !== name)), ...(year ? { year } : {}), summary, related: [], file };
}

function slugId(acronym: string): string {
  return acronym.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'entry';
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = lookupKey(v);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
