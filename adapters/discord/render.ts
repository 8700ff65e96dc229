// Reply → Discord message (content + one embed). A pure function: no client, no I/O.
// Discord rejects a whole message when any limit is exceeded, so everything is fitted here;
// what does not fit is cut with a visible "…" and a hint in the footer, never left out silently.

import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Citation, Reply, ReplyKind } from '../../src/types.js';
import { pageLabel } from '../../src/types.js';
import { blockQuote, clip, defuseMentions, ELLIPSIS, escapeText, shareBudget, splitLongLine } from './text.js';
import { editionShown, errorIdLine, leadText, leftOutLine, ROLE_WORDS, trimHint } from '../kit/reply-parts.js';

/** Discord's documented limits for one message. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Title, description, field names and values, footer and author of all embeds together. */
  embedsTotal: 6000,
} as const;

export const TRIM_HINT = trimHint('Discord');

/** Name of a field that continues the one before it (Discord needs a non-empty name). */
const CONTINUED = '\u200b';

const COLORS: Record<ReplyKind, number> = {
  answer: 0x2e7d32,
  closest: 0x00838f,
  'no-answer': 0xf9a825,
  help: 0x1565c0,
  list: 0x1565c0,
  card: 0x1565c0,
  digest: 0x6a1b9a,
  ack: 0x607d8b,
  error: 0xc62828,
};

const roleLabel = (role: Citation['role']) => (ROLE_WORDS[role] ? `${ROLE_WORDS[role]}: ` : '');

export interface RenderOptions {
  /** Posting someone's answer for everyone ("Share in channel"): names them in the content. */
  askedBy?: string;
}

export interface RenderedReply {
  content?: string;
  embeds: APIEmbed[];
}

/** One logical field: a citation or a field of the reply. Long ones continue over several embed fields. */
interface Unit {
  name: string;
  /** Escaped text, cut if need be. */
  body: string;
  quoted: boolean;
  /** Appended after the body, never cut (a citation's document). */
  source?: string;
  inline?: boolean;
}

export function renderReply(reply: Reply, options: RenderOptions = {}): RenderedReply {
  let trimmed = false;
  const fit = (text: string, max: number): string => {
    const out = clip(text, max);
    if (out !== text) trimmed = true;
    return out;
  };

  const title = fit(escapeText(reply.title.trim()) || 'Policy Desk', LIMITS.title);
  // Budget as if the hint were needed; whether it is is known only at the end.
  let remaining = LIMITS.embedsTotal - title.length - footerText(reply, true).length;

  const answers = reply.citations.filter((c) => c.role === 'answer');
  let units: Unit[] = [
    ...reply.citations.filter((c) => c.role !== 'answer').map(citationUnit),
    ...reply.fields.map((f) => ({
      name: escapeText(f.name),
      body: escapeText(f.value),
      quoted: false,
      inline: reply.kind === 'card' && f.value.length <= 40,
    })),
  ].map((u) => ({ ...u, name: fit(u.name || CONTINUED, LIMITS.fieldName) }));
  let hidden = 0;
  if (units.length > LIMITS.fields) {
    hidden = units.length - (LIMITS.fields - 1);
    units = units.slice(0, LIMITS.fields - 1);
  }
  const overflowReserve = 60;
  const unitWants = units.map((u) => fieldsLength(unitFields(u)));
  const fieldsWant = unitWants.reduce((a, b) => a + b, 0);

  // The description carries the answer: it may always use at least half of what is left.
  const description = buildDescription(
    leadText(reply),
    answers,
    Math.min(LIMITS.description, Math.max(remaining - fieldsWant - overflowReserve, Math.floor(remaining / 2))),
    fit,
  );
  remaining -= description.length + overflowReserve;

  const grants = fieldsWant > remaining ? shareBudget(unitWants, remaining) : unitWants;
  const fields: APIEmbedField[] = [];
  units.forEach((unit, i) => {
    const rendered = fitUnit(unit, grants[i] ?? 0, fit);
    if (rendered.length === 0) hidden++;
    fields.push(...rendered);
  });
  // Continuations can push the count past 25: the tail goes, and what is left is marked.
  while (fields.length > LIMITS.fields - (hidden > 0 ? 1 : 0)) {
    const dropped = fields.pop();
    trimmed = true;
    if (dropped?.name !== CONTINUED) hidden++;
    else {
      const last = fields.at(-1);
      if (last && !last.value.endsWith(ELLIPSIS)) last.value = clip(last.value, LIMITS.fieldValue - 2) + ' ' + ELLIPSIS;
    }
  }
  if (hidden > 0) {
    trimmed = true;
    fields.push({ name: ELLIPSIS, value: leftOutLine(hidden) });
  }

  const embed: APIEmbed = { title, color: COLORS[reply.kind] };
  if (description) embed.description = description;
  if (fields.length) embed.fields = fields;
  const footer = footerText(reply, trimmed);
  if (footer) embed.footer = { text: footer };
  const edition = editionShown(reply);
  if (edition?.indexedAt && !Number.isNaN(Date.parse(edition.indexedAt))) embed.timestamp = edition.indexedAt;

  const rendered: RenderedReply = { embeds: [embed] };
  if (options.askedBy) rendered.content = askedByLine(options.askedBy, reply.question);
  return rendered;
}

/** Characters that count towards the 6,000 limit, as Discord counts them. */
export function embedsLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce(
    (n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0) + fieldsLength(e.fields ?? []),
    0,
  );
}

function fieldsLength(fields: readonly APIEmbedField[]): number {
  return fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
}

function citationUnit(c: Citation): Unit {
  const where = c.section || c.document;
  return {
    name: roleLabel(c.role) + escapeText(where),
    body: escapeText(quoteOf(c)),
    quoted: true,
    ...(c.section ? { source: `— *${escapeText(c.document)}*${c.page ? `, ${pageLabel(c.page)}` : ''}` } : c.page ? { source: `— ${pageLabel(c.page)}` } : {}),
  };
}

function quoteOf(c: Citation): string {
  return (c.quote.trim() || c.passage.trim()).replace(/\n{3,}/g, '\n\n');
}

/** A unit as embed fields of at most 1,024 characters each, split at line (then word) boundaries. */
function unitFields(unit: Unit): APIEmbedField[] {
  const source = unit.source ? clip(unit.source, 300) : undefined;
  const prefix = unit.quoted ? '> ' : '';
  const room = LIMITS.fieldValue - (source ? source.length + 1 : 0);
  const lines = (unit.body || CONTINUED).split('\n').flatMap((line) => splitLongLine(line, room - prefix.length).map((l) => prefix + l));

  const values: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + 1 + line.length > room) {
      values.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  values.push(source ? `${current}\n${source}` : current);
  return values.map((value, i) => ({ name: i === 0 ? unit.name : CONTINUED, value, ...(unit.inline ? { inline: true } : {}) }));
}

/** The unit's fields within `budget` characters, cutting its body as needed; none if it cannot fit at all. */
function fitUnit(unit: Unit, budget: number, fit: (t: string, max: number) => string): APIEmbedField[] {
  let fields = unitFields(unit);
  if (fieldsLength(fields) <= budget) return fields;
  let name = unit.name;
  if (name.length > budget / 3) name = fit(name, Math.max(12, Math.floor(budget / 3)));
  let room = budget - (fieldsLength(fields) - unit.body.length - unit.name.length) - name.length;
  while (room >= 16) {
    fields = unitFields({ ...unit, name, body: fit(unit.body, room) });
    const over = fieldsLength(fields) - budget;
    if (over <= 0) return fields;
    room -= over;
  }
  return [];
}

function sourceLine(c: Citation): string {
  const section = c.section ? ` › ${escapeText(c.section)}` : '';
  return clip(`— **${escapeText(c.document)}**${section}${c.page ? `, ${pageLabel(c.page)}` : ''}`, 400);
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Lead text, then each answer quote with its source line; quotes give way before source lines do. */
function buildDescription(text: string, citations: Citation[], budget: number, fit: (t: string, max: number) => string): string {
  const quotes = citations.map((c) => escapeText(quoteOf(c)));
  let lead = escapeText(text.trim());
  // The core's lead is often the quoted sentence itself; once is enough.
  if (quotes[0] !== undefined && normalise(lead) === normalise(quotes[0])) lead = '';
  const sources = citations.map(sourceLine);
  const pieces = (lead ? 1 : 0) + quotes.filter(Boolean).length + sources.length;
  const fixed = sources.reduce((n, s) => n + s.length, 0) + Math.max(0, pieces - 1);
  const wants = [lead.length, ...quotes.map((q) => blockQuote(q).length)];
  const [leadGrant = 0, ...quoteGrants] = shareBudget(wants, Math.max(0, budget - fixed));

  const parts: string[] = [];
  if (lead) parts.push(fit(lead, Math.max(leadGrant, 1)));
  citations.forEach((_, i) => {
    const quote = quotes[i] ?? '';
    if (quote) parts.push(fitQuote(quote, quoteGrants[i] ?? 0, fit));
    parts.push(sources[i] ?? '');
  });
  const description = parts.filter(Boolean).join('\n');
  // Only reachable when the source lines alone exceed the budget.
  return description.length > budget ? fit(description, budget) : description;
}

function fitQuote(escaped: string, max: number, fit: (t: string, max: number) => string): string {
  let room = max;
  for (;;) {
    const quoted = blockQuote(fit(escaped, Math.max(room, 1)));
    if (quoted.length <= max) return quoted;
    if (room <= 1) return '';
    room -= quoted.length - max;
  }
}

function footerText(reply: Reply, withHint: boolean): string {
  // Footers show no markdown, so notes go in as written. The hint goes first so that it
  // survives even if the notes themselves have to be cut.
  const lines = withHint ? [TRIM_HINT] : [];
  lines.push(...reply.notes.map((n) => n.trim()).filter(Boolean));
  if (reply.errorId) lines.push(errorIdLine(reply.errorId));
  // Discord shows the time itself, from the embed's timestamp.
  const edition = editionShown(reply);
  if (edition?.hash) lines.push(`Edition ${edition.hash}`);
  return clip(lines.join('\n'), LIMITS.footer);
}

function askedByLine(userId: string, question: string | undefined): string {
  const asked = question?.trim() ? `: ${defuseMentions(escapeText(question.trim().replace(/\s+/g, ' ')))}` : '';
  return clip(`Asked by <@${userId}>${asked}`, LIMITS.content);
}
