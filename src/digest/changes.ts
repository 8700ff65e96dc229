// What changed in the documents since the last digest: a snapshot of (file, title, hash) is kept
// with every digest posted, and the next one compares it with what is indexed now.

import type { Field } from '../types.js';
import type { DocumentInfo } from '../corpus/types.js';
import type { DocumentSnapshot } from './records.js';

const LISTED = 8;

export function snapshotOf(documents: readonly DocumentInfo[]): DocumentSnapshot[] {
  return documents.map((d) => ({ file: d.file, title: d.title, hash: d.hash })).sort((a, b) => a.file.localeCompare(b.file));
}

/** Added, changed and removed documents; nothing when there is no earlier snapshot to compare with. */
export function changeFields(before: readonly DocumentSnapshot[] | undefined, now: readonly DocumentSnapshot[]): Field[] {
  if (!before) return [];
  const old = new Map(before.map((d) => [d.file, d]));
  const current = new Map(now.map((d) => [d.file, d]));
  const added = now.filter((d) => !old.has(d.file));
  const changed = now.filter((d) => old.has(d.file) && old.get(d.file)!.hash !== d.hash);
  const removed = before.filter((d) => !current.has(d.file));
  const fields: Field[] = [];
  if (added.length) fields.push({ name: 'New documents', value: list(added) });
  if (changed.length) fields.push({ name: 'Updated documents', value: list(changed) });
  if (removed.length) fields.push({ name: 'Removed documents', value: list(removed) });
  return fields;
}

function list(docs: readonly DocumentSnapshot[]): string {
  const lines = docs.slice(0, LISTED).map((d) => `• ${d.title && d.title !== d.file ? `${d.title} (${d.file})` : d.file}`);
  if (docs.length > LISTED) lines.push(`• and ${docs.length - LISTED} more`);
  return lines.join('\n');
}
