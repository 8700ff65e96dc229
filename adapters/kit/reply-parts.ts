// The rules every renderer follows for the same Reply, so a person sees the same parts in the
// same words on every platform (tests/kit/renderer-contract.test.ts holds them to it):
// the answer's quote once, the edition on the same kinds of reply, the error id always,
// the same labels, and one way of saying what a cut left out.

import type { CitationRole, Edition, Reply, ReplyKind } from '../../src/types.js';

/** What each kind of citation is called, wherever it is shown ("" for numbered search results). */
export const ROLE_WORDS: Record<CitationRole, string> = {
  answer: 'Source',
  supporting: 'Also relevant',
  closest: 'Closest match',
  result: '',
};

/** Replies whose content comes from the documents say which edition; a help screen, a thank-you or an apology does not. */
const EDITION_KINDS: ReadonlySet<ReplyKind> = new Set(['answer', 'closest', 'no-answer', 'list', 'card', 'digest']);

export function editionShown(reply: Reply): Edition | undefined {
  return reply.edition && EDITION_KINDS.has(reply.kind) ? reply.edition : undefined;
}

export function editionLine(edition: Edition): string {
  return `Edition ${edition.hash} · indexed ${readableTime(edition.indexedAt)}`;
}

export function errorIdLine(errorId: string): string {
  return `Error id: ${errorId}`;
}

/** How many parts (passages, fields) a cut left out. */
export function leftOutLine(count: number): string {
  return `${count} more not shown here.`;
}

/** Said under every reply that had to be cut to fit a platform's limits. */
export function trimHint(platform: string): string {
  return `… Shortened to fit in a ${platform} message: ask a narrower question to see the rest.`;
}

/**
 * The reply's lead text, unless it only repeats the answer's quote (the core's lead often is the
 * quoted sentence): the quote is shown once, as the quote.
 */
export function leadText(reply: Reply): string {
  const lead = reply.text.trim();
  const answer = reply.citations.find((c) => c.role === 'answer');
  const quote = (answer?.quote || answer?.passage || '').trim();
  return quote && normalise(lead) === normalise(quote) ? '' : lead;
}

export function readableTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
