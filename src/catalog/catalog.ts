// A Catalog over a list of checked entries: lookup by any of an entry's names, suggestions for
// near misses, and the mention finder used to tag passages and questions.

import type { Catalog, CatalogEntry, EntryKind } from './types.js';
import { compileMentions } from './match.js';
import { isNearEnough, similarity } from './nearest.js';
import { lookupKey } from './words.js';

// Words people wrap a name in that the catalog's names may not carry: "the ILO MIGRANT
// programme", "the UN ICRMW convention".
const LEADING = /^(?:ilo|un|united nations) /;
const TRAILING = / (?:convention|program|project)$/;

/** Entries must already be checked (unique ids and keys): the loader does that. */
export function createCatalog(entries: readonly CatalogEntry[]): Catalog {
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
    const trimmed = key.replace(LEADING, '');
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

  return { entries, get: (id) => byId.get(id), find, nearest, mentionedIn };
}

export function emptyCatalog(): Catalog {
  return createCatalog([]);
}
