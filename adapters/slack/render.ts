// Reply → Slack message (Block Kit plus a plain-text fallback). A pure function.
// Slack refuses a whole message that breaks a limit, so the renderer trims instead: the most
// important parts first (title, answer, source quote), a visible "…" and a hint when something
// was left out. It never throws on long or odd input.

import type { Citation, Field, Reply } from '../../src/types.js';
import { pageLabel } from '../../src/types.js';
import {
  answerButtons,
  contextBlock,
  sectionBlock,
  textLength,
  type SlackBlock,
  type SlackMessage,
} from './blocks.js';
import { blockQuote, clip, escapeMrkdwn } from './mrkdwn.js';
import { editionLine, editionShown, errorIdLine, leadText, leftOutLine, ROLE_WORDS, trimHint } from '../kit/reply-parts.js';

export const LIMITS = {
  /** Slack: section text ≤ 3,000 characters. */
  sectionText: 3000,
  /** Slack: ≤ 50 blocks in a message. */
  blocks: 50,
  /** Slack rejects messages past roughly 13,000 characters of block text; keep a margin. */
  totalText: 12000,
  /** Slack: ≤ 10 elements in a context block. */
  contextElements: 10,
  /** Enough for a notification or a screen reader; the blocks carry the rest. */
  fallbackText: 3000,
} as const;

export const TRIMMED_HINT = trimHint('Slack');

export interface RenderOptions {
  /** Put Helpful / Not helpful under an answer that came from a logged question. */
  feedback?: boolean;
  /** Also offer "Share in channel": for private replies only, a public one is shared already. */
  share?: boolean;
  /** Slack user id of the person who asked, named above a shared answer. */
  askedBy?: string;
  /** Repeat the question above the reply, for replies where Slack does not show what was typed. */
  showQuestion?: boolean;
}

export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const content = contentBlocks(reply, options);
  const tail = tailBlocks(reply, options);
  // Sized for the longest it can be; what it says is known once the cut is made.
  const hint = contextBlock(leftOutLine(LIMITS.blocks * 100), TRIMMED_HINT);

  // The tail (small print, edition, buttons) always fits: it is short and bounded.
  let blocksLeft = LIMITS.blocks - tail.length - 1;
  let charsLeft = LIMITS.totalText - sum(tail.map(textLength)) - textLength(hint);
  const kept: SlackBlock[] = [];
  let trimmed = false;
  for (const block of content) {
    const size = textLength(block);
    if (blocksLeft >= 1 && size <= charsLeft) {
      kept.push(block);
      blocksLeft -= 1;
      charsLeft -= size;
      continue;
    }
    trimmed = true;
    // Keep a useful start of the block that did not fit rather than dropping it whole.
    if (blocksLeft >= 1 && charsLeft >= 200 && block.type === 'section') {
      kept.push(sectionBlock(clip(block.text.text, charsLeft)));
    }
    break;
  }

  const text = fallbackText(reply, options);
  const leftOut = content.length - kept.length;
  const said = leftOut > 0 ? contextBlock(leftOutLine(leftOut), TRIMMED_HINT) : contextBlock(TRIMMED_HINT);
  const blocks = [...kept, ...(trimmed ? [said] : []), ...tail];
  // Slack refuses an empty block list; a reply with nothing in it still says something.
  return { text, blocks: blocks.length ? blocks : [sectionBlock(text)] };
}

function contentBlocks(reply: Reply, options: RenderOptions): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  const question = reply.question?.trim();
  if (options.askedBy && isUserId(options.askedBy)) {
    blocks.push(contextBlock(askedLine(options.askedBy, question, reply.title)));
  } else if (options.showQuestion && question && !sameText(question, reply.title)) {
    blocks.push(contextBlock(`Question: ${clip(escapeMrkdwn(question), 500)}`));
  }

  const title = oneLine(reply.title);
  const marker = reply.kind === 'error' ? ':warning: ' : reply.kind === 'closest' ? ':large_yellow_circle: ' : '';
  if (title) blocks.push(sectionBlock(clip(`${marker}*${escapeMrkdwn(title)}*`, 500)));
  for (const chunk of chunks(escapeMrkdwn(withoutTitle(leadText(reply), reply.title)), LIMITS.sectionText)) blocks.push(sectionBlock(chunk));
  reply.citations.forEach((citation, i) => blocks.push(sectionBlock(citationText(citation, i))));
  for (const chunk of fieldChunks(reply.fields)) blocks.push(sectionBlock(chunk));
  return blocks;
}

function tailBlocks(reply: Reply, options: RenderOptions): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  const notes = reply.notes.map((n) => n.trim()).filter(Boolean);
  if (notes.length) {
    const head = notes.slice(0, LIMITS.contextElements - 1);
    const rest = notes.slice(LIMITS.contextElements - 1);
    const elements = rest.length ? [...head, rest.join(' ')] : head;
    blocks.push(contextBlock(...elements.map((n) => clip(escapeMrkdwn(n), 600))));
  }
  // In the tail, which is never cut: the id is what a person quotes to whoever runs the bot.
  if (reply.errorId) blocks.push(contextBlock(escapeMrkdwn(clip(errorIdLine(reply.errorId), 100))));
  const edition = editionShown(reply);
  if (edition) blocks.push(contextBlock(escapeMrkdwn(clip(editionLine(edition), 200))));
  const answerLike = reply.kind === 'answer' || reply.kind === 'closest' || reply.kind === 'no-answer';
  const offer = { share: Boolean(options.share && reply.answered), feedback: Boolean(options.feedback) };
  if (reply.questionId !== undefined && answerLike && (offer.share || offer.feedback)) {
    blocks.push(answerButtons(reply.questionId, offer));
  }
  return blocks;
}

function citationText(citation: Citation, index: number): string {
  const label = ROLE_WORDS[citation.role] || `${index + 1}.`;
  const where = [citation.document, citation.section].map((s) => oneLine(s)).filter(Boolean);
  const heading = `*${escapeMrkdwn(label)}${citation.role === 'result' ? '' : ':'}* ${clip(escapeMrkdwn(where.join(' › ') + (citation.page ? `, ${pageLabel(citation.page)}` : '')), 400)}`;
  const words = (citation.quote || citation.passage).trim();
  if (!words) return heading;
  const room = LIMITS.sectionText - heading.length - 1;
  // Quote lines each gain a ">"; clip first so the quoted text stays within the section limit.
  const escaped = escapeMrkdwn(words);
  const lines = escaped.split('\n').length;
  return `${heading}\n${blockQuote(clip(escaped, Math.max(room - lines * 2, 0)))}`;
}

function fieldChunks(fields: Field[]): string[] {
  const lines = fields.map((f) => {
    const name = escapeMrkdwn(oneLine(f.name));
    const value = escapeMrkdwn(f.value.trim());
    return clip(value ? `*${name}*  ${value}` : `*${name}*`, LIMITS.sectionText);
  });
  const out: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + 1 + line.length > LIMITS.sectionText) {
      out.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(current);
  return out;
}

/** Splits already-escaped text into pieces of at most max characters, at paragraph, line or word ends. */
export function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = -1;
    for (const sep of ['\n\n', '\n', ' ']) {
      const at = rest.lastIndexOf(sep, max);
      if (at >= max / 2) {
        cut = at;
        break;
      }
    }
    if (cut === -1) {
      cut = max;
      const amp = rest.lastIndexOf('&', cut);
      if (amp !== -1 && amp > cut - 5 && !rest.slice(amp, cut).includes(';')) cut = amp;
      if (/[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    }
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out.filter(Boolean);
}

/** "<@U…> asked: …", leaving the question out when the title below already is the question. */
function askedLine(userId: string, question: string | undefined, title: string): string {
  if (!question) return `Shared by <@${userId}>`;
  return sameText(question, title) ? `<@${userId}> asked:` : `<@${userId}> asked: ${clip(escapeMrkdwn(question), 500)}`;
}

/** The body without a first sentence that only repeats the title. */
function withoutTitle(text: string, title: string): string {
  const body = text.trim();
  const head = title.trim();
  if (head && body.startsWith(head) && body.length > head.length) return body.slice(head.length).trim();
  return body;
}

/** The top-level `text`: what notifications, screen readers and old clients show. */
function fallbackText(reply: Reply, options: RenderOptions): string {
  const asked = options.askedBy && isUserId(options.askedBy) && reply.question ? `<@${options.askedBy}> asked: ${escapeMrkdwn(reply.question)}` : '';
  const parts = [reply.title.trim(), withoutTitle(leadText(reply), reply.title)];
  const first = reply.citations[0];
  if (first) {
    const words = (first.quote || first.passage).trim();
    parts.push(`“${words}” (${first.document}${first.section ? `, ${first.section}` : ''}${first.page ? `, ${pageLabel(first.page)}` : ''})`);
  } else if (reply.fields.length) {
    parts.push(reply.fields.slice(0, 10).map((f) => `${f.name}: ${f.value}`).join('\n'));
  }
  const text = escapeMrkdwn(parts.filter(Boolean).join('\n') || 'Policy Desk');
  return clip(asked ? `${asked}\n${text}` : text, LIMITS.fallbackText);
}

function sameText(a: string, b: string): boolean {
  return oneLine(a).toLowerCase() === oneLine(b).toLowerCase();
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isUserId(id: string): boolean {
  return /^[UW][A-Z0-9]{2,}$/.test(id);
}

function sum(numbers: number[]): number {
  return numbers.reduce((a, b) => a + b, 0);
}
