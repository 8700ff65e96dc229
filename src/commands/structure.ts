// Questions about the documents' structure get structural answers, for any document: an
// outline from its headings, a section by its number ("section B.3") or its heading, and the
// catalog's lists ("Which conventions does the paper mention?"). Each kind of question is one
// row of STRUCTURE_QUESTIONS: a pattern and what answers it. Undefined means "not for me".

import type { Citation, Field, Reply } from '../types.js';
import type { DocumentInfo, Passage } from '../corpus/types.js';
import type { EntryKind } from '../catalog/types.js';
import type { CommandContext } from './context.js';
import { analyse } from '../search/analysis.js';
import { terms as termsOf } from '../search/text.js';
import { catalogList } from './catalog.js';
import { citePassage } from '../reply.js';
import { ordinalNumber } from '../search/numbers.js';
import { rarity } from '../search/index.js';

const SECTION_SEPARATOR = ' › ';
/** Sections listed in one outline (Discord shows at most 25 fields). */
export const OUTLINE_SECTIONS = 24;
/** Passages quoted for one section. */
export const SECTION_PASSAGES = 5;
/** Passages of a section read to find the one that speaks to the rest of the question. */
const FOCUS_PASSAGES = 60;

interface StructureQuestion {
  /** What the row answers, for reading the table. */
  name: string;
  pattern: RegExp;
  answer(match: RegExpExecArray, ctx: CommandContext, question: string): Reply | undefined;
}

// The kind words of catalog lists, as people write them.
const LIST_KINDS: readonly { words: RegExp; kinds: EntryKind[]; title: string }[] = [
  { words: /^(?:conventions?|instruments?|treaties|standards|declarations|resolutions)$/i, kinds: ['convention'], title: 'Conventions and instruments' },
  { words: /^(?:programmes?|programs?|projects?|initiatives?|activities)$/i, kinds: ['programme', 'organisation'], title: 'Programmes, projects and bodies' },
  { words: /^(?:issues?|topics|themes|questions)$/i, kinds: ['issue'], title: 'Key issues' },
  { words: /^(?:organi[sz]ations?|agencies|bodies|institutions|partners)$/i, kinds: ['organisation'], title: 'Organisations' },
];

const LIST_WORD = String.raw`(conventions?|instruments?|treaties|standards|declarations|resolutions|programmes?|programs?|projects?|initiatives?|activities|issues?|topics|themes|organi[sz]ations?|agencies|bodies|institutions|partners)`;

export const STRUCTURE_QUESTIONS: readonly StructureQuestion[] = [
  {
    name: 'outline of a document',
    pattern: /^(?:(?:please\s+)?(?:give|show|send)\s+(?:me\s+)?|what\s+is\s+|what's\s+)?(?:an?\s+|the\s+)?(?:outline|structure|table of contents|contents|list of sections|sections|headings)(?:\s+(?:of|for|in)\s+(.*?))?\s*[?.!]*$/i,
    answer: (m, ctx) => outline(m[1], ctx),
  },
  {
    name: 'how a document is organised',
    pattern: /^how\s+is\s+(.*?)\s+(?:organi[sz]ed|structured|laid out|set out)\s*[?.!]*$/i,
    answer: (m, ctx) => outline(m[1], ctx),
  },
  {
    name: 'a section by number',
    pattern: /\b(?:section|part|chapter|paragraph|heading)\s+((?:[A-Z]|[IVX]+|\d+)(?:\s*[.\-]\s*\d+)*)\b(?!\s*(?:of\s+the\s+)?(?:convention|resolution))/i,
    answer: (m, ctx, question) => sectionByLabel(m[1]!, ctx, question),
  },
  {
    name: 'a section by heading',
    // "What does the section on migrant rights say?", "What does the section 'Who it protects' cover?"
    pattern: /^(?:what\s+(?:does|do|is\s+in)\s+)?(?:the\s+)?(?:section|part|chapter)\s+(?:(?:on|about|called|titled|headed|named)\s+)?["'‘“](.+?)["'’”]\s*(?:say|says|cover|covers|contain|contains|discuss|discusses)?\s*[?.!]*$/i,
    answer: (m, ctx, question) => sectionByHeading(m[1]!, ctx, { question }),
  },
  {
    name: 'a section by heading, unquoted',
    pattern: /^(?:what\s+(?:does|do|is\s+in)\s+)?(?:the\s+)?(?:section|part|chapter)\s+(?:on|about|called|titled|headed|named)\s+(.+?)(?:\s+(?:say|says|cover|covers|contain|contains|discuss|discusses))?\s*[?.!]*$/i,
    answer: (m, ctx, question) => sectionByHeading(m[1]!, ctx, { question }),
  },
  {
    name: 'a section by heading, named first',
    // "What does the tripartite approach section say?", "What does the 'What the Programme does' section cover?"
    pattern: /^what\s+(?:does|do)\s+the\s+["'‘“]?(.+?)["'’”]?\s+(?:section|part|chapter)\s+(?:say|cover|contain|discuss)\s*[?.!]*$/i,
    answer: (m, ctx, question) => sectionByHeading(m[1]!, ctx, { question }),
  },
  {
    name: 'a section by its quoted heading, however asked',
    // "What is the section 'Where the Programme sits' about?", "What does the 'Questions for labour policy' part open with?"
    pattern: /(?:\b(?:section|part|chapter|heading)\s+(?:(?:on|about|called|titled|headed|named)\s+)?["'‘“](.+?)["'’”]|["'‘“](.+?)["'’”]\s+(?:section|part|chapter)\b)/i,
    answer: (m, ctx, question) => sectionByHeading(m[1] ?? m[2]!, ctx, { exact: true, question }),
  },
  {
    name: 'a heading, asked as it stands',
    // "Ratification and supervision", "Who it protects": the words of a heading (or its first words), as copied from an outline.
    pattern: /^["'‘“]?(.+?)["'’”]?\s*[?.!]*$/,
    answer: (m, ctx, question) => sectionAsked(m[1]!, ctx, question),
  },
  {
    name: 'a quoted heading, however asked',
    // "What does 'What the Programme does' cover?": quotes around a heading's words name its section.
    pattern: /["‘“](.+?)["’”]|(?<![\p{L}\p{N}])'(.+?)'(?![\p{L}\p{N}])/u,
    answer: (m, ctx, question) => sectionAsked(m[1] ?? m[2]!, ctx, question),
  },
  {
    name: 'the section on a subject',
    // "Which section covers protection and integration of migrant workers?"
    pattern: /^(?:which|what)\s+(?:section|part|chapter)\s+(?:covers|deals\s+with|is\s+about|discusses|talks\s+about|addresses|is\s+on)\s+(.+?)\s*[?.!]*$/i,
    answer: (m, ctx, question) => sectionByHeading(m[1]!, ctx, { question }),
  },
  {
    name: 'one item of a numbered part',
    // "What is the fourth key issue?", "What is the sixth ILO response in the paper?": the fourth heading under "Key issues…".
    pattern: /^(?:(?:what|which)\s+(?:is|was|are|were)\s+|what's\s+|(?:give|show)\s+(?:me\s+)?)?the\s+(\p{L}+|\d{1,2}(?:st|nd|rd|th))\s+(.+?)\s*[?.!]*$/iu,
    answer: (m, ctx) => nthItem(m[1]!, m[2]!, ctx),
  },
  {
    name: 'a catalog list',
    // "What are the key issues?", "Which conventions does the paper mention?", "What programmes does the ILO run on migration?",
    // or typed as a search: "key issues for the High-Level Dialogue".
    pattern: new RegExp(String.raw`^(?:(?:what|which|list)\s+(?:(?:are|were)\s+)?)?(?:all\s+)?(?:the\s+)?(?:(?:main|key|major|\d+|two|three|four|five|six|seven|eight|nine|ten|different|other)\s+)*${LIST_WORD}\b(.*)$`, 'i'),
    answer: (m, ctx) => listOf(m[1]!, m[2] ?? '', ctx),
  },
];

/** A structural answer to the question, or undefined when it is not about the documents' structure. */
export function structureAnswer(question: string, ctx: CommandContext): Reply | undefined {
  const text = question.trim();
  // "What ILO programmes …" is "What programmes …": the catalog's qualifiers name who speaks.
  const plain = withoutQualifiers(withoutStrays(text), ctx);
  for (const row of STRUCTURE_QUESTIONS) {
    const m = row.pattern.exec(plain);
    if (!m) continue;
    const reply = row.answer(m, ctx, text);
    if (reply) return { ...reply, question: text, answered: true, confidence: 'high', unmatched: [] };
  }
  return undefined;
}

// What people wrap a question in: a stray key ("(0)", "2)"), a greeting or a "please" at either end.
const STRAY_START = /^(?:(?:\(?\d{1,2}\)|please|pls|hi|hello|hey|thanks|thank you|thx|ok|so)[\s,:;!.-]+)+/i;
const STRAY_END = /(?:[\s,;:-]+(?:\(?\d{1,2}\)|please|pls|thanks|thank you|thx|cheers))+\s*([?.!]*)$/i;

function withoutStrays(text: string): string {
  return text.replace(STRAY_START, '').replace(STRAY_END, '$1').trim();
}

function withoutQualifiers(text: string, ctx: CommandContext): string {
  const qualifiers = (ctx.library.catalog.qualifiers ?? []).filter((q) => /^[\p{L}\p{N} ]+$/u.test(q));
  if (!qualifiers.length) return text;
  return text.replace(new RegExp(String.raw`\b(?:${qualifiers.join('|')})(?:'s)?\s+`, 'gi'), '');
}

function outline(name: string | undefined, ctx: CommandContext): Reply | undefined {
  const doc = documentNamed(name, ctx);
  if (!doc) return undefined;
  const paths = sectionPaths(doc);
  const fields: Field[] = paths.slice(0, OUTLINE_SECTIONS).map((p) => {
    const parts = p.split(SECTION_SEPARATOR);
    const count = doc.sections.find((s) => s.path === p)?.passages ?? 0;
    return { name: `${'  '.repeat(parts.length - 1)}${parts[parts.length - 1]}`, value: count ? `${count} passage${count === 1 ? '' : 's'}` : 'heading' };
  });
  const opening = ctx.library.corpus.passages.find((p) => p.doc === doc.slug);
  return {
    kind: 'list',
    title: `Outline: ${doc.title}`,
    text: `${paths.length} heading${paths.length === 1 ? '' : 's'} in ${doc.file}${paths.length > OUTLINE_SECTIONS ? `; the first ${OUTLINE_SECTIONS} are shown` : ''}. Ask "What does section … say?" for any of them.`,
    // The document's opening passage usually says what it sets out to cover.
    citations: opening ? [citation(opening)] : [],
    fields,
    notes: [],
    answered: true,
  };
}

/** Each document with its top-level headings: what the documents take up, when no catalog says. */
function headingsOfAll(ctx: CommandContext): Reply | undefined {
  const docs = ctx.library.corpus.documents.slice(0, OUTLINE_SECTIONS);
  if (!docs.length) return undefined;
  return {
    kind: 'list',
    title: 'What the documents take up',
    text: `The main headings of ${docs.length} document${docs.length === 1 ? '' : 's'}. Ask for "an outline of" one of them for all its sections.`,
    citations: [],
    fields: docs.map((d) => ({ name: d.title, value: [...new Set(d.sections.map((s) => s.path.split(SECTION_SEPARATOR)[0]!))].join('\n') })),
    notes: [],
    answered: true,
  };
}

/** Every heading of a document, parents included, in reading order. */
function sectionPaths(doc: DocumentInfo): string[] {
  const out: string[] = [];
  for (const s of doc.sections) {
    const parts = s.path.split(SECTION_SEPARATOR);
    for (let i = 1; i <= parts.length; i++) {
      const p = parts.slice(0, i).join(SECTION_SEPARATOR);
      if (p && !out.includes(p)) out.push(p);
    }
  }
  return out;
}

/** The document a name points to (most title words in common); the only document when no name is given. */
function documentNamed(name: string | undefined, ctx: CommandContext): DocumentInfo | undefined {
  const docs = ctx.library.corpus.documents;
  const wanted = termsOf((name ?? '').replace(/\b(?:the|this|that)\s+(?:paper|document|report|note|file)\b/gi, ''));
  if (!wanted.length) return docs.length === 1 ? docs[0] : undefined;
  let best: DocumentInfo | undefined;
  let bestShare = 0;
  for (const d of docs) {
    const title = new Set(termsOf(`${d.title} ${d.file}`));
    const share = wanted.filter((t) => title.has(t)).length / wanted.length;
    if (share > bestShare) [best, bestShare] = [d, share];
  }
  return bestShare >= 0.5 ? best : undefined;
}

/** "B.3" → ["b", "3"]; a heading "3. Technical cooperation" under "B. ILO responses" has the same labels. */
function labelsOf(text: string): string[] {
  return text.toLowerCase().split(/\s*[.\-\s]\s*/).filter(Boolean);
}

const HEADING_LABEL = /^((?:[A-Z]|[IVX]+|\d+)(?:\.\d+)*)[.)]?\s/;

// A question about a section reads every passage's section path; paths repeat across passages and
// questions, so what each path yields is worked out once (synthetic 10,000 passages: 20 → 3 ms).
const labelsByPath = new Map<string, string[]>();

function once<T>(cache: Map<string, T>, path: string, make: (path: string) => T): T {
  let found = cache.get(path);
  if (found === undefined) {
    if (cache.size >= 100_000) cache.clear();
    found = make(path);
    cache.set(path, found);
  }
  return found;
}

function pathLabels(path: string): string[] {
  return once(labelsByPath, path, () =>
    path.split(SECTION_SEPARATOR).flatMap((h) => {
      const m = HEADING_LABEL.exec(h);
      return m ? labelsOf(m[1]!) : [];
    }),
  );
}

function sectionByLabel(label: string, ctx: CommandContext, question = ''): Reply | undefined {
  const wanted = labelsOf(label);
  const same = (path: string) => {
    const labels = pathLabels(path);
    return labels.length >= wanted.length && wanted.every((w, i) => labels[i] === w);
  };
  // "Section 3" alone may be the third of any part: then the last labels must match.
  const tail = (path: string) => {
    const labels = pathLabels(path);
    return labels.length >= wanted.length && wanted.every((w, i) => labels[labels.length - wanted.length + i] === w);
  };
  const passages = ctx.library.corpus.passages;
  let found = passages.filter((p) => same(p.section));
  if (!found.length) found = passages.filter((p) => tail(p.section));
  return found.length ? sectionReply(`Section ${label}`, focused(found, question, label, ctx)) : undefined;
}

// What follows the thing asked for says where it stands: "the fourth key issue | for the Dialogue".
const PLACE = /\s+(?:of|in|for|under|from|at|on)\s+/i;

/**
 * The nth heading under the heading that names the thing ("key issue" → "A. Key issues…"): the one
 * numbered n when its headings are numbered, else the nth in reading order. Undefined when no
 * heading holds every word of the thing, or it has no nth part: the question is then searched.
 */
function nthItem(ordinal: string, asked: string, ctx: CommandContext): Reply | undefined {
  const n = ordinalNumber(ordinal);
  if (!n) return undefined;
  const [thing, ...place] = asked.split(PLACE);
  const wanted = termsOf(thing!);
  const context = termsOf(place.join(' '));
  if (!wanted.length) return undefined;
  let best: { children: string[]; score: number } | undefined;
  for (const doc of ctx.library.corpus.documents) {
    const paths = sectionPaths(doc);
    const title = new Set(termsOf(doc.title));
    for (const path of paths) {
      const heading = new Set(termsOf(path.split(SECTION_SEPARATOR).pop() ?? ''));
      if (!wanted.every((t) => heading.has(t))) continue;
      const depth = path.split(SECTION_SEPARATOR).length + 1;
      const children = paths.filter((p) => p.startsWith(path + SECTION_SEPARATOR) && p.split(SECTION_SEPARATOR).length === depth);
      if (!children.length) continue;
      // Among headings that all hold the thing, the one whose document or heading holds the place ("in the paper").
      const score = context.filter((t) => heading.has(t) || title.has(t)).length;
      if (!best || score > best.score) best = { children, score };
    }
  }
  if (!best) return undefined;
  // A child's own heading carries its number ("4. A multilateral framework…"), not its parent's "A.".
  const ownLabel = (p: string) => HEADING_LABEL.exec(p.split(SECTION_SEPARATOR).pop() ?? '')?.[1];
  const numbered = best.children.filter((p) => ownLabel(p) !== undefined);
  const child = numbered.length ? numbered.find((p) => labelsOf(ownLabel(p)!).at(-1) === String(n)) : best.children[n - 1];
  if (!child) return undefined;
  const found = ctx.library.corpus.passages.filter((p) => p.section === child || p.section.startsWith(child + SECTION_SEPARATOR));
  return found.length ? sectionReply(`The ${ordinal.toLowerCase()} ${thing}`, found) : undefined;
}

// Every word, stop words too: "What the Programme does" is a heading of its own, not "programme".
const headingWords = (text: string) => text.toLowerCase().replace(/^(?:[a-z]|[ivx]+|\d+)(?:\.\d+)*[.)]\s+/, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');

/** The section whose heading is the one asked; unless `exact`, else the one whose heading shares most of its words. */
function sectionByHeading(heading: string, ctx: CommandContext, { exact = false, question = '' } = {}): Reply | undefined {
  const words = headingWords(heading);
  const named = headingIndex(ctx.library.corpus.passages).byWords.get(words);
  if (words && named) return sectionReply(`Section on ${heading}`, focused(named, question, heading, ctx));
  if (exact) return undefined;
  const wanted = termsOf(heading);
  if (!wanted.length) return undefined;
  // Each distinct heading is scored once, by its search terms (the index's keys).
  const index = headingIndex(ctx.library.corpus.passages);
  let best = 0;
  let chosen: string[] = [];
  for (const [key, headings] of index.byTerms) {
    const terms = new Set(key.split(' '));
    const score = wanted.filter((t) => terms.has(t)).length / wanted.length;
    if (score > best) [best, chosen] = [score, [...headings]];
    else if (score === best) chosen.push(...headings);
  }
  if (best < 0.5) return undefined;
  const found = new Set(chosen.flatMap((words) => index.byWords.get(words) ?? []));
  return sectionReply(`Section on ${heading}`, focused(ctx.library.corpus.passages.filter((p) => found.has(p)), question, heading, ctx));
}

/** The section a question names by its heading (see sectionNamed). */
function sectionAsked(asked: string, ctx: CommandContext, question: string): Reply | undefined {
  const found = sectionNamed(asked, headingIndex(ctx.library.corpus.passages));
  return found ? sectionReply('Section', focused(found, question, asked, ctx)) : undefined;
}

/** Headings are asked by their first words from this many on ("Who it protects"): fewer start too many. */
const PREFIX_WORDS = 3;
/** Headings are asked in other forms ("How does the Agreement treat…") from this many search terms on. */
const SAME_TERMS = 2;

/**
 * The passages of the one section whose heading is asked: its very words, its first words, or
 * the same search terms. Undefined when no heading, or more than one, fits: the question is searched.
 */
function sectionNamed(asked: string, headings: HeadingIndex): Passage[] | undefined {
  const words = headingWords(asked);
  if (!words) return undefined;
  const exact = headings.byWords.get(words);
  if (exact) return exact;
  const only = (keys: readonly string[]) => (keys.length === 1 ? headings.byWords.get(keys[0]!) : undefined);
  const starting = words.split(' ').length >= PREFIX_WORDS ? only(startingWith(headings.sorted, `${words} `)) : undefined;
  if (starting) return starting;
  const key = termKey(asked);
  return key.count >= SAME_TERMS ? only(headings.byTerms.get(key.text) ?? []) : undefined;
}

const termKey = (text: string) => {
  const set = [...new Set(termsOf(text))].sort();
  return { text: set.join(' '), count: set.length };
};

/** The first two of the sorted keys that start with the prefix (two: enough to tell one from several). */
function startingWith(sorted: readonly string[], prefix: string): string[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  return sorted.slice(lo, lo + 2).filter((k) => k.startsWith(prefix));
}

interface HeadingIndex {
  /** A section's passages by its own heading's words. */
  byWords: Map<string, Passage[]>;
  /** Those headings' words, sorted: a heading asked by its first words is found by binary search. */
  sorted: string[];
  /** Headings' words by their search terms. */
  byTerms: Map<string, string[]>;
}

// Worked out once per corpus: every question is tried against every heading.
const headingIndexes = new WeakMap<readonly Passage[], HeadingIndex>();

function headingIndex(passages: readonly Passage[]): HeadingIndex {
  let index = headingIndexes.get(passages);
  if (index) return index;
  index = { byWords: new Map(), sorted: [], byTerms: new Map() };
  // Passages share their section paths: each path is read once.
  const listOfPath = new Map<string, Passage[] | undefined>();
  for (const p of passages) {
    let list = listOfPath.get(p.section);
    if (list === undefined && !listOfPath.has(p.section)) {
      const heading = p.section.split(SECTION_SEPARATOR).pop() ?? '';
      const words = headingWords(heading);
      list = words ? index.byWords.get(words) : undefined;
      if (words && !list) {
        list = [];
        index.byWords.set(words, list);
        const key = termKey(heading).text;
        index.byTerms.set(key, [...(index.byTerms.get(key) ?? []), words]);
      }
      listOfPath.set(p.section, list);
    }
    list?.push(p);
  }
  index.sorted = [...index.byWords.keys()].sort();
  headingIndexes.set(passages, index);
  return index;
}

// The words of a section question that only say it is one.
const SECTION_WORDS = new Set(termsOf('section part chapter heading paragraph say says cover covers contain contains discuss discusses open opens begin begins start starts list lists about besides such'));

/**
 * A section's passages with those that speak to the rest of the question first ("What does the
 * 'Ratification and supervision' section say about state reports?"), in reading order otherwise.
 */
function focused(found: Passage[], question: string, heading: string, ctx: CommandContext): Passage[] {
  const named = new Set(termsOf(heading));
  const asked = termsOf(question).filter((t) => !named.has(t) && !SECTION_WORDS.has(t));
  if (!asked.length || found.length < 2) return found;
  // Rare words say most about which passage is meant ("reports" against "states").
  const held = (p: Passage) => asked.reduce((sum, t) => sum + (analyse(p).terms.has(t) ? rarity(ctx.library.index, t) : 0), 0);
  // Only a section's first passages are read: one of thousands (a huge generated file) costs no more.
  const head = found.slice(0, FOCUS_PASSAGES).map((p, i) => ({ p, i, n: held(p) }));
  return [...head.sort((a, b) => b.n - a.n || a.i - b.i).map((x) => x.p), ...found.slice(FOCUS_PASSAGES)];
}

function sectionReply(label: string, found: Passage[]): Reply {
  const sections = [...new Set(found.map((p) => `${p.document}${SECTION_SEPARATOR}${p.section}`))];
  const first = found[0]!;
  const citations: Citation[] = found.slice(0, SECTION_PASSAGES).map(citation);
  return {
    kind: 'list',
    title: `${label}: ${first.section.split(SECTION_SEPARATOR).pop()}`,
    text: `${found.length} passage${found.length === 1 ? '' : 's'} in ${sections.length === 1 ? first.section : `${sections.length} sections`}${found.length > SECTION_PASSAGES ? `; the first ${SECTION_PASSAGES} are quoted` : ''}.`,
    citations,
    fields: [],
    notes: sections.length > 1 ? [`More than one section fits: ${sections.slice(0, 4).join('; ')}.`] : [],
    answered: true,
  };
}

function citation(p: Passage): Citation {
  return citePassage(p, 'result', opening(p));
}

/** The passages that name the most of the entries, most first: where a list is set out (or where its first entry is taken up). */
function listingPassages(ids: ReadonlySet<string>, ctx: CommandContext, limit = 2): Passage[] {
  const { corpus, index } = ctx.library;
  const counted = corpus.passages
    .map((p) => ({ p, named: index.entitiesOf(p.id).filter((id) => ids.has(id)) }))
    .filter((x) => x.named.length >= 1);
  // Among passages naming as many entries, those of the document that names the most of them (the
  // one that sets out the list, not a note that touches one item), then the earlier passage
  // (documents introduce their lists before discussing them): the sort is stable.
  const byDocument = new Map<string, Set<string>>();
  for (const { p, named } of counted) {
    const seen = byDocument.get(p.doc) ?? new Set<string>();
    for (const id of named) seen.add(id);
    byDocument.set(p.doc, seen);
  }
  const spread = (p: Passage) => byDocument.get(p.doc)?.size ?? 0;
  return counted.sort((a, b) => b.named.length - a.named.length || spread(b.p) - spread(a.p)).slice(0, limit).map((x) => x.p);
}

/** The first two sentences of a passage, as a quote. */
function opening(p: Passage): string {
  const { sentences } = analyse(p);
  const last = sentences[Math.min(1, sentences.length - 1)];
  return last ? p.text.slice(0, last.end) : p.text;
}

// Words around the kind word that say nothing about which entries are meant.
const FILLER = new Set(
  termsOf(
    'does do did is are be the paper document documents report note mention mentions name names list discuss discusses cover covers run runs have has describe set out raise raises talk about refer key main major take taken up identify identified address addressed include included outline outlined',
  ),
);

/**
 * Words that narrow a list: not filler, not in most passages ("migration" in a migration library),
 * and not words of a document's title ("the key issues for the High-Level Dialogue" is the paper's own subject).
 */
function contentTerms(text: string, ctx: CommandContext): string[] {
  const { index, corpus } = ctx.library;
  const titles = new Set(corpus.documents.flatMap((d) => termsOf(d.title)));
  return termsOf(text).filter((t) => !FILLER.has(t) && !titles.has(t) && index.documentFrequency(t) < index.size * 0.5);
}

function withListing(reply: Reply, entries: readonly { id: string }[], ctx: CommandContext): Reply {
  return { ...reply, citations: listingPassages(new Set(entries.map((e) => e.id)), ctx).map(citation) };
}

// The words after these say which entries are meant: "programmes … on trafficking".
const TOPIC = /\b(?:on|about|against|concerning|regarding|related to|dealing with|to do with)\s+(.+)$/i;

function listOf(word: string, rest: string, ctx: CommandContext): Reply | undefined {
  const kind = LIST_KINDS.find((k) => k.words.test(word));
  if (!kind) return undefined;
  const { catalog } = ctx.library;
  const entries = catalog.entries.filter((e) => kind.kinds.includes(e.kind));
  // "What are the key issues?" without a catalog: the documents' own headings say what they take up.
  if (!entries.length) return kind.kinds.includes('issue') ? (outline(undefined, ctx) ?? headingsOfAll(ctx)) : undefined;
  // "Which agencies belong to the Geneva Migration Group?" asks about something else: a question.
  const asked = TOPIC.exec(rest);
  const before = asked ? rest.slice(0, asked.index) : rest;
  if (contentTerms(before, ctx).length) return undefined;
  const full = catalogList(kind.kinds, kind.title, ctx);
  if (!asked) return withListing(full, entries, ctx);
  // "What programmes does the ILO run on trafficking?": only the entries about that.
  const topicText = asked[1]!.replace(/[?.!]+$/, '').trim();
  const topic = contentTerms(topicText, ctx);
  if (!topic.length) return withListing(full, entries, ctx);
  const matching = entries.filter((e) => {
    const words = new Set(termsOf(`${e.name} ${e.summary} ${e.aliases.join(' ')}`));
    return topic.some((t) => words.has(t));
  });
  if (!matching.length) return undefined;
  if (matching.length === entries.length) return withListing(full, entries, ctx);
  const names = new Set(matching.map((e) => (e.year ? `${e.name} (${e.year})` : e.name)));
  const verb = matching.length === 1 ? 'is' : 'are';
  return { ...withListing(full, matching, ctx), text: `${matching.length} of the ${entries.length} entries ${verb} about ${topicText}.`, fields: full.fields.filter((f) => names.has(f.name)) };
}
