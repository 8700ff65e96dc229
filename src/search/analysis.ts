// Per-passage work the answer path needs again and again (sentence boundaries, the terms of
// each sentence), done once per passage and remembered for as long as the passage lives.

import type { Passage } from '../corpus/types.js';
import type { CatalogEntry } from '../catalog/types.js';
import { splitSentences, type SentenceSpan } from '../answer/sentences.js';
import { terms as termsOf } from './text.js';

export interface SentenceAnalysis extends SentenceSpan {
  terms: ReadonlySet<string>;
}

export interface PassageAnalysis {
  /** Terms of the passage's text and section path. */
  terms: ReadonlySet<string>;
  sentences: readonly SentenceAnalysis[];
}

// Keyed by the passage object: a reload makes new passages and the old entries go with them.
const cache = new WeakMap<Passage, PassageAnalysis>();

export function analyse(passage: Passage): PassageAnalysis {
  let found = cache.get(passage);
  if (!found) {
    const sentences = splitSentences(passage.text).map((s) => ({ ...s, terms: new Set(termsOf(s.text)) }));
    const terms = new Set(termsOf(passage.section));
    for (const s of sentences) for (const t of s.terms) terms.add(t);
    found = { terms, sentences };
    cache.set(passage, found);
  }
  return found;
}

const entryCache = new WeakMap<CatalogEntry, ReadonlySet<string>>();

/** Terms of all the names of a catalog entry (name, id, aliases), remembered per entry. */
export function entryTerms(entry: CatalogEntry): ReadonlySet<string> {
  let found = entryCache.get(entry);
  if (!found) {
    found = new Set(termsOf([entry.name, entry.id, ...entry.aliases].join(' ')));
    entryCache.set(entry, found);
  }
  return found;
}

const REFERENCE_SECTION = /^(notes?|footnotes|endnotes|references|bibliography|sources|works cited)\b/i;

/** A notes or references section names things but says little about them. */
export function isReferenceSection(section: string): boolean {
  return REFERENCE_SECTION.test(section);
}
