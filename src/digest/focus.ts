// The focus of the day: one catalog entry (a convention, programme, key issue…) with a few
// sentences quoted word for word from the passage that says most about it. With no catalog,
// document sections take turns instead.

import type { Citation } from '../types.js';
import type { Library } from '../library/library.js';
import type { CatalogEntry, EntryKind } from '../catalog/load.js';
import type { Passage } from '../corpus/types.js';
import { splitSentences } from '../answer/sentences.js';
import { citePassage } from '../reply.js';

export interface Focus {
  /** "Focus of the day: …", plain text. */
  lead: string;
  citations: Citation[];
  /** Where to read more, e.g. the command that shows the entry's card. */
  hint?: string;
}

/** Quotes grow to three sentences while they stay short enough to read in a chat message. */
const MAX_QUOTE_CHARS = 500;
const MAX_QUOTE_SENTENCES = 3;

const KIND_LABEL: Record<EntryKind, string> = {
  convention: 'convention or instrument',
  programme: 'programme, project or body',
  issue: 'key issue',
  organisation: 'organisation',
  event: 'event',
};

/**
 * Everything that can be the focus, as stable keys: catalog entries that at least one passage
 * mentions (nothing to quote otherwise), or, with none, every document section.
 */
export function focusItems(library: Library): string[] {
  const { catalog, corpus, index } = library;
  const mentioned = new Set(corpus.passages.flatMap((p) => index.entitiesOf(p.id)));
  const entries = catalog.entries.filter((e) => mentioned.has(e.id)).map((e) => `entry:${e.id}`);
  if (entries.length) return entries;
  return [...new Set(corpus.passages.map((p) => `section:${sectionKey(p)}`))];
}

export function focusContent(library: Library, item: string): Focus | undefined {
  const [type, ...rest] = item.split(':');
  const key = rest.join(':');
  if (type === 'entry') {
    const entry = library.catalog.get(key);
    return entry ? entryFocus(library, entry) : undefined;
  }
  if (type === 'section') return sectionFocus(library, key);
  return undefined;
}

function entryFocus(library: Library, entry: CatalogEntry): Focus {
  const mentions = passagesMentioning(library, entry);
  const best = mentions[0];
  const lead = `Focus of the day: ${entry.name} (${KIND_LABEL[entry.kind]}). ${entry.summary}`;
  if (!best) return { lead, citations: [] };
  const sentences = splitSentences(best.text);
  // Start at the first sentence that names the entry, so the quote is about it.
  const first = Math.max(0, sentences.findIndex((s) => library.catalog.mentionedIn(s.text).some((e) => e.id === entry.id)));
  const more = mentions.length > 1 ? `${mentions.length} passages mention it; to see them` : 'One passage mentions it; to see it with the entry';
  const command = cardCommand(library, entry);
  return {
    lead,
    citations: [citation(best, first)],
    hint: command ? `${more}: "${command}".` : undefined,
  };
}

function sectionFocus(library: Library, key: string): Focus | undefined {
  const passages = library.corpus.passages.filter((p) => sectionKey(p) === key);
  const first = passages[0];
  if (!first) return undefined;
  const heading = first.section.split(' › ').at(-1) || first.section;
  return {
    lead: `Focus of the day: ${heading}, from ${first.document}.`,
    citations: [citation(first, 0)],
    hint: passages.length > 1 ? `The section has ${passages.length} passages; "sources" lists every section.` : undefined,
  };
}

/** Two or three whole sentences from `start`, as an exact slice of the passage. */
function citation(p: Passage, start: number): Citation {
  const sentences = splitSentences(p.text);
  let quote = p.text;
  if (sentences.length) {
    let end = start;
    // A second sentence always (one rarely says enough), a third if the quote stays short.
    while (end + 1 < sentences.length && end - start + 1 < MAX_QUOTE_SENTENCES) {
      const grown = sentences[end + 1]!.end - sentences[start]!.start;
      if (end > start && grown > MAX_QUOTE_CHARS) break;
      end += 1;
    }
    quote = p.text.slice(sentences[start]!.start, sentences[end]!.end);
  }
  return citePassage(p, 'result', quote);
}

/** Passages tagged with the entry, those that say most about it first (as the entry's card orders them). */
function passagesMentioning(library: Library, entry: CatalogEntry): Passage[] {
  const { index } = library;
  const ranked = index.search({ ...index.parse(entry.name), entities: [entry.id] }, 200);
  return ranked.filter((h) => index.entitiesOf(h.passage.id).includes(entry.id)).map((h) => h.passage);
}

/** The command that shows the entry's card, if one finds it by a short name. */
function cardCommand(library: Library, entry: CatalogEntry): string | undefined {
  const { catalog } = library;
  if (entry.kind === 'issue') {
    const numbered = [entry.name, ...entry.aliases].map((n) => /\bissue (\d+)$/i.exec(n)?.[1]).find(Boolean);
    if (numbered) return `issue ${numbered}`;
  }
  const command = entry.kind === 'convention' ? 'convention' : entry.kind === 'issue' ? 'issue' : entry.kind === 'event' ? undefined : 'programme';
  const name = [...entry.aliases, entry.name].find((n) => catalog.find(n)?.id === entry.id);
  if (!name) return undefined;
  return command ? `${command} ${name}` : `search ${name}`;
}

/** Document slug and section slug: the passage id without its ordinal. */
function sectionKey(p: Passage): string {
  return p.id.replace(/\/\d+$/, '');
}
