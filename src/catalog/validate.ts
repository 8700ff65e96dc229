// Strict checks on catalog entries, run once at start-up: a typo in a catalog file should stop
// the bot with a message naming the file, the entry and the field, not quietly lose an entry.

import { ENTRY_KINDS, type CatalogEntry, type EntryKind } from './types.js';
import type { RawEntry } from './parse-file.js';
import { lookupKey } from './words.js';

const FIELDS = ['kind', 'id', 'name', 'aliases', 'year', 'summary', 'related'] as const;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Where an entry stands, for messages: `catalog.yaml entry #3 "c143" (line 20)`. */
export interface EntryPlace {
  file: string;
  index: number;
  line?: number;
  id?: string;
}

export function describePlace(place: EntryPlace): string {
  const id = place.id ? ` "${place.id}"` : '';
  const line = place.line ? ` (line ${place.line})` : '';
  return `${place.file} entry #${place.index}${id}${line}`;
}

export interface CheckedEntry {
  entry: CatalogEntry;
  place: EntryPlace;
}

/** One file's raw entries → well-formed entries, and a message per problem found. */
export function checkEntries(raw: readonly RawEntry[], file: string): { entries: CheckedEntry[]; problems: string[] } {
  const entries: CheckedEntry[] = [];
  const problems: string[] = [];

  for (const item of raw) {
    const place: EntryPlace = { file, index: item.index };
    if (item.line !== undefined) place.line = item.line;
    const v = item.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      problems.push(`${describePlace(place)}: must be a mapping with fields ${FIELDS.join(', ')}`);
      continue;
    }
    const fields = v as Record<string, unknown>;
    if (typeof fields.id === 'string') place.id = fields.id;
    const before = problems.length;
    const bad = (field: string, message: string) => problems.push(`${describePlace(place)}: field "${field}": ${message}`);

    for (const key of Object.keys(fields)) {
      if (!(FIELDS as readonly string[]).includes(key)) bad(key, `unknown field (expected one of ${FIELDS.join(', ')})`);
    }

    const kind = fields.kind;
    if (kind === undefined) bad('kind', 'missing');
    else if (typeof kind !== 'string' || !(ENTRY_KINDS as readonly string[]).includes(kind)) {
      bad('kind', `unknown kind ${JSON.stringify(kind)} (expected one of ${ENTRY_KINDS.join(', ')})`);
    }

    const id = fields.id;
    if (id === undefined) bad('id', 'missing');
    else if (typeof id !== 'string') bad('id', `must be a string, got ${typeName(id)}`);
    else if (!ID.test(id)) bad('id', `"${id}" must be lowercase letters, digits and single hyphens (like "c143" or "issue-1")`);

    const name = requiredText(fields, 'name', bad);
    const summary = requiredText(fields, 'summary', bad);
    const aliases = textList(fields, 'aliases', bad);
    const related = textList(fields, 'related', bad);
    for (const [i, r] of related.entries()) {
      if (r === id) bad(`related[${i}]`, 'an entry cannot be related to itself');
    }

    const year = fields.year;
    if (year !== undefined && (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9999)) {
      bad('year', `must be a four-digit year, got ${JSON.stringify(year)}`);
    }

    if (problems.length > before) continue;
    const entry: CatalogEntry = {
      kind: kind as EntryKind,
      id: id as string,
      name: name!,
      aliases,
      summary: summary!,
      related,
      file,
    };
    if (typeof year === 'number') entry.year = year;
    entries.push({ entry, place });
  }
  return { entries, problems };
}

/** Checks across all files: ids unique, no name or alias shared by two entries, related ids exist. */
export function checkAcross(all: readonly CheckedEntry[]): string[] {
  const problems: string[] = [];

  const byId = new Map<string, CheckedEntry>();
  for (const c of all) {
    const first = byId.get(c.entry.id);
    if (first) problems.push(`${describePlace(c.place)}: field "id": duplicate id "${c.entry.id}" (already used by ${describePlace(first.place)})`);
    else byId.set(c.entry.id, c);
  }

  // Names, aliases and ids are all lookup keys: one key naming two entries would make
  // "find" and the passage tags guess.
  const byKey = new Map<string, { owner: CheckedEntry; field: string; text: string }>();
  for (const c of all) {
    const names: [string, string][] = [
      ['id', c.entry.id],
      ['name', c.entry.name],
      ...c.entry.aliases.map((a, i): [string, string] => [`aliases[${i}]`, a]),
    ];
    for (const [field, text] of names) {
      const key = lookupKey(text);
      if (!key) {
        problems.push(`${describePlace(c.place)}: field "${field}": "${text}" has no letters or digits`);
        continue;
      }
      const first = byKey.get(key);
      if (!first) byKey.set(key, { owner: c, field, text });
      else if (first.owner !== c && first.owner.entry.id !== c.entry.id) {
        problems.push(
          `${describePlace(c.place)}: field "${field}": "${text}" is also ${first.field === 'name' ? 'the name' : first.field === 'id' ? 'the id' : 'an alias'} of ${describePlace(first.owner.place)} ("${first.text}"; both read as "${key}")`,
        );
      }
    }
  }

  for (const c of all) {
    for (const [i, r] of c.entry.related.entries()) {
      if (!byId.has(r)) problems.push(`${describePlace(c.place)}: field "related[${i}]": unknown id "${r}"`);
    }
  }
  return problems;
}

type Complain = (field: string, message: string) => void;

function requiredText(fields: Record<string, unknown>, field: string, bad: Complain): string | undefined {
  const v = fields[field];
  if (v === undefined || v === null) bad(field, 'missing');
  else if (typeof v !== 'string') bad(field, `must be text, got ${typeName(v)}`);
  else if (!v.trim()) bad(field, 'is empty');
  else return v.trim();
  return undefined;
}

function textList(fields: Record<string, unknown>, field: string, bad: Complain): string[] {
  const v = fields[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    bad(field, `must be a list, got ${typeName(v)}`);
    return [];
  }
  const out: string[] = [];
  for (const [i, item] of v.entries()) {
    // A bare 1949 or 58/208-like number in YAML is not text: ask for quotes rather than guess.
    if (typeof item !== 'string') bad(`${field}[${i}]`, `must be text, got ${typeName(item)}${typeof item === 'number' ? ' (put it in quotes)' : ''}`);
    else if (!item.trim()) bad(`${field}[${i}]`, 'is empty');
    else out.push(item.trim());
  }
  return out;
}

function typeName(v: unknown): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}
