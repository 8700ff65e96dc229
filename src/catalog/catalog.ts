// A Catalog over a list of checked entries: lookup by any of an entry's names, suggestions for
// near misses, and the mention finder used to tag passages and questions.

import type { Catalog, CatalogEntry, EntryKind } from './types.js';
import { compileMentions } from './match.js';
import { isNearEnough, similarity } from './nearest.js';
import { lookupKey } from './words.js';

// A kind word people put after a name the catalog may not carry: "the MIGRANT programme".
const TRAILING = / (?:convention|program|project)$/;

/**
 * Entries must already be checked (unique ids and keys): the loader does that. Qualifiers are
 * the words people put before a name that the names may not carry ("ILO", "UN" in
 * "the ILO MIGRANT programme"); they come from the catalog files, as they depend on the documents.
 */
export function createCatalog(entries: readonly CatalogEntry[], qualifiers: readonly string[] = []): Catalog {
  const leading = qualifiers.map(lookupKey).filter(Boolean).map((q) => `${q} `);
  const stripQualifier = (key: string) => {
    const q = leading.find((prefix) => key.startsWith(prefix));
    return q ? lookupKey(key.slice(q.length)) : key;
  };
  const byId = new Map<string, CatalogEntry>();
  const byKey = new Map<string, CatalogEntry>();
  const keysOf = new Map<CatalogEntry, string[]>();
  for (const e of entries) {
    if (!byId.has(e.id)) byId.set(e.id, e);
    const keys = [...new Set([e.id, e.name, ...e.aliases].map(lookupKey).filter(Boolean))];
    keysOf.set(e, keys);
    for (const k of keys) if (!byKey.has(k)) byKey.set(k, e);
  }
  const mentionedIn = compileMentions(entries);
  const allowed = (e: CatalogEntry | undefined, kinds?: readonly EntryKind[]) => (e && (!kinds || kinds.includes(e.kind)) ? e : undefined);

  const find = (name: string, kinds?: readonly EntryKind[]): CatalogEntry | undefined => {
    const key = lookupKey(name);
    if (!key) return undefined;
    const trimmed = stripQualifier(key);
    for (const k of [key, trimmed, trimmed.replace(TRAILING, '')]) {
      const e = allowed(byKey.get(k), kinds);
      if (e) return e;
    }
    return undefined;
  };

  const nearest = (name: string, limit: number, kinds?: readonly EntryKind[]): CatalogEntry[] => {
    const key = lookupKey(name);
    if (!key || limit <= 0) return [];
    return entries
      .filter((e) => allowed(e, kinds))
      .map((e) => ({ e, score: Math.max(...(keysOf.get(e) ?? []).map((k) => similarity(key, k))) }))
      .filter((s) => isNearEnough(s.score))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((s) => s.e);
  };

  return { entries, qualifiers, get: (id) => byId.get(id), find, nearest, mentionedIn };
}

export function emptyCatalog(): Catalog {
  return createCatalog([]);
}
