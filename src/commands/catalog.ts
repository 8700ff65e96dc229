// Cards, lists and comparisons of catalog entries (conventions, programmes, key issues…),
// each backed by the passages that mention the entry, quoted and cited.

import type { Citation, Field, Reply } from '../types.js';
import type { CatalogEntry, EntryKind } from '../catalog/load.js';
import type { Passage } from '../corpus/types.js';
import type { CommandContext } from './context.js';
import { analyse, isReferenceSection } from '../search/analysis.js';
import { citePassage } from '../reply.js';

/** Passages shown on a card; the rest are counted. */
export const CARD_PASSAGES = 5;

const KIND_LABEL: Record<EntryKind, string> = {
  convention: 'Convention or instrument',
  programme: 'Programme, project or body',
  issue: 'Key issue',
  organisation: 'Organisation',
  event: 'Event',
};

/** Undefined when nothing in the catalog is even close to the name: then it was a question. */
export function catalogCard(name: string, kinds: readonly EntryKind[], ctx: CommandContext): Reply | undefined {
  const entry = resolve(name, kinds, ctx);
  if (!entry) return unknownEntry(name, kinds, ctx);
  const mentions = passagesMentioning(entry, ctx);
  return {
    kind: 'card',
    title: entry.name,
    text: entry.summary,
    citations: mentions.slice(0, CARD_PASSAGES).map((p) => mentionCitation(p, [entry], ctx)),
    fields: entryFields(entry, ctx),
    notes: mentions.length > CARD_PASSAGES ? [`${mentions.length - CARD_PASSAGES} more passages mention it: try "search ${entry.aliases[0] ?? entry.name}".`] : mentions.length ? [] : ['No passage of the documents mentions it by name.'],
    answered: true,
  };
}

export function catalogList(kinds: readonly EntryKind[], title: string, ctx: CommandContext): Reply {
  const entries = ctx.library.catalog.entries.filter((e) => kinds.includes(e.kind));
  return {
    kind: 'list',
    title,
    text: entries.length ? `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} from the catalog.` : 'The catalog has no entries of this kind yet (add them to a .yaml file in the documents folder).',
    citations: [],
    fields: entries.map((e) => ({ name: e.year ? `${e.name} (${e.year})` : e.name, value: e.aliases.length ? `${e.summary} Also: ${e.aliases.slice(0, 4).join(', ')}.` : e.summary })),
    notes: [],
    answered: entries.length > 0,
  };
}

const PAIR_SEPARATOR = /\s+(?:and|vs\.?|versus|with|to)\s+|\s*[,;&|]\s*|\s+-\s+/i;

export function compareReply(pair: string, ctx: CommandContext): Reply | undefined {
  const parts = splitPair(pair, ctx);
  if (!parts) {
    return {
      kind: 'help',
      title: 'Usage: compare <a> and <b>',
      text: `Name two entries of the catalog${compareExample(ctx) ? `, for example "${compareExample(ctx)}"` : ''}.`,
      citations: [],
      fields: [],
      notes: [],
      answered: false,
    };
  }
  const [aName, bName] = parts;
  const a = resolve(aName, [], ctx);
  const b = resolve(bName, [], ctx);
  if (!a) return unknownEntry(aName, [], ctx);
  if (!b) return unknownEntry(bName, [], ctx);
  const aPassages = passagesMentioning(a, ctx);
  const bPassages = passagesMentioning(b, ctx);
  const bIds = new Set(bPassages.map((p) => p.id));
  const together = aPassages.filter((p) => bIds.has(p.id));
  const citations: Citation[] = [];
  const add = (p: Passage | undefined, entries: CatalogEntry[]) => {
    if (p && !citations.some((c) => c.id === p.id)) citations.push(mentionCitation(p, entries, ctx));
  };
  for (const p of together.slice(0, 2)) add(p, [a, b]);
  add(aPassages.find((p) => !bIds.has(p.id)), [a]);
  add(bPassages.find((p) => !aPassages.some((q) => q.id === p.id)), [b]);
  const side = (e: CatalogEntry, count: number): Field => ({
    name: e.name,
    value: [`${KIND_LABEL[e.kind]}${e.year ? `, ${e.year}` : ''}.`, e.summary, `Mentioned in ${count} passage${count === 1 ? '' : 's'}.`].join(' '),
  });
  return {
    kind: 'card',
    title: `${shortName(a)} and ${shortName(b)} compared`,
    text: together.length
      ? `The documents mention them together in ${together.length} passage${together.length === 1 ? '' : 's'}.`
      : 'The documents never mention them in the same passage.',
    citations,
    fields: [side(a, aPassages.length), side(b, bPassages.length)],
    notes: [],
    answered: true,
  };
}

/** A question about one entry ("What is Convention No. 143?") gets that entry's card too. */
export function attachCard(question: string, reply: Reply, ctx: CommandContext): Reply {
  if (!reply.answered) return reply;
  const named = ctx.library.catalog.mentionedIn(question);
  if (named.length !== 1) return reply;
  const entry = named[0]!;
  return {
    ...reply,
    fields: [{ name: entry.name, value: entry.summary }, ...entryFields(entry, ctx)],
  };
}

/** "convention C143": an example built from the catalog loaded, so help never suggests what is not there. */
export function catalogExample(ctx: CommandContext, command: string, kinds: readonly EntryKind[]): string | undefined {
  const entry = ctx.library.catalog.entries.find((e) => kinds.includes(e.kind));
  if (!entry) return undefined;
  // "Issue 1" reads as "issue 1", not "issue Key issue 1".
  const word = new RegExp(`\\b${command}\\b`, 'i');
  const alias = entry.aliases.find((a) => !word.test(a) || word.exec(a)!.index === 0) ?? entry.name;
  return word.exec(alias)?.index === 0 ? `${command}${alias.slice(command.length)}` : `${command} ${alias}`;
}

export function compareExample(ctx: CommandContext): string | undefined {
  const { entries } = ctx.library.catalog;
  const first = entries[0];
  const second = first && entries.find((e) => e !== first && e.kind === first.kind);
  return first && second ? `compare ${shortName(first)} and ${shortName(second)}` : undefined;
}

function resolve(name: string, kinds: readonly EntryKind[], ctx: CommandContext): CatalogEntry | undefined {
  const { catalog } = ctx.library;
  const cleaned = name.replace(/^(the|a|an)\s+/i, '').replace(/[?.!]+$/, '').trim();
  // "convention 143" and "issue 3": the command's kind completes a bare number or short name.
  return (
    (kinds.length ? catalog.find(cleaned, kinds) : undefined) ??
    catalog.find(cleaned) ??
    kinds.map((kind) => catalog.find(`${kind} ${cleaned}`, kinds)).find(Boolean)
  );
}

function unknownEntry(name: string, kinds: readonly EntryKind[], ctx: CommandContext): Reply | undefined {
  const { catalog } = ctx.library;
  const nearest = (kinds.length ? catalog.nearest(name, 3, kinds) : []).concat(catalog.nearest(name, 3)).filter((e, i, all) => all.indexOf(e) === i).slice(0, 3);
  if (!nearest.length) return undefined;
  return {
    kind: 'no-answer',
    title: `No entry called "${name}"`,
    text: nearest.length ? `The catalog has no entry called "${name}". The nearest by name:` : `The catalog has no entry called "${name}". Try "conventions", "programmes" or "issues" for the lists.`,
    citations: [],
    fields: nearest.map((e) => ({ name: e.name, value: `${KIND_LABEL[e.kind]}. ${e.summary}` })),
    notes: [],
    answered: false,
  };
}

function entryFields(entry: CatalogEntry, ctx: CommandContext): Field[] {
  const fields: Field[] = [{ name: 'Kind', value: KIND_LABEL[entry.kind] }];
  if (entry.year) fields.push({ name: 'Year', value: String(entry.year) });
  if (entry.aliases.length) fields.push({ name: 'Also called', value: entry.aliases.join(', ') });
  const related = entry.related.map((id) => ctx.library.catalog.get(id)?.name).filter((n): n is string => !!n);
  if (related.length) fields.push({ name: 'Related', value: related.join('; ') });
  return fields;
}

/** Passages tagged with the entry, those that say most about it first. */
function passagesMentioning(entry: CatalogEntry, ctx: CommandContext): Passage[] {
  const { index } = ctx.library;
  // Searching by name and by tag ranks passages that discuss the entry above those that only list it.
  const ranked = index.search({ ...index.parse(entry.name), entities: [entry.id] }, 200);
  const tagged = ranked.filter((h) => index.entitiesOf(h.passage.id).includes(entry.id)).map((h) => h.passage);
  // A reference note names the entry but says little about it: the text comes first.
  return [...tagged.filter((p) => !isReferenceSection(p.section)), ...tagged.filter((p) => isReferenceSection(p.section))];
}

function mentionCitation(p: Passage, entries: CatalogEntry[], ctx: CommandContext): Citation {
  const { sentences } = analyse(p);
  const hitting = sentences.filter((s) => {
    const found = ctx.library.catalog.mentionedIn(s.text);
    return entries.some((e) => found.includes(e));
  });
  const [first, next] = hitting.length ? hitting : sentences;
  // Two sentences only when they stand side by side: a quote is one unbroken slice of the text.
  const last = next && sentences.indexOf(next) === sentences.indexOf(first!) + 1 ? next : first;
  const quote = first ? p.text.slice(first.start, last!.end) : p.text;
  return citePassage(p, 'result', quote);
}

function splitPair(text: string, ctx: CommandContext): [string, string] | undefined {
  const parts = text.split(PAIR_SEPARATOR).map((s) => s.trim()).filter(Boolean);
  if (parts.length === 2) return [parts[0]!, parts[1]!];
  // "compare C97 C143": two words that each name an entry.
  const words = text.trim().split(/\s+/);
  if (words.length === 2 && ctx.library.catalog.find(words[0]!) && ctx.library.catalog.find(words[1]!)) return [words[0]!, words[1]!];
  return undefined;
}

export function shortName(e: CatalogEntry): string {
  return e.aliases[0] ?? e.name;
}
