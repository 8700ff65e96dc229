import { describe, expect, it } from 'vitest';
import { renderReply, chunks, LIMITS, TRIMMED_HINT } from '../../adapters/slack/render.js';
import { ACTION, type SlackBlock, type SlackMessage } from '../../adapters/slack/blocks.js';
import { apology } from '../../src/errors.js';
import type { Citation, Reply } from '../../src/types.js';
import { blockProblems } from '../fakes/slack.js';

const citation = (over: Partial<Citation> = {}): Citation => ({
  role: 'answer',
  document: 'Key issues for the UN High-Level Dialogue',
  section: 'A. Key issues › 2. Policies',
  id: 'doc/a/1',
  passage: 'Trade, especially trade in services, presents a vast untapped potential. More text follows.',
  quote: 'Trade, especially trade in services, presents a vast untapped potential.',
  ...over,
});

const reply = (over: Partial<Reply> = {}): Reply => ({
  kind: 'answer',
  title: 'what is GATS Mode 4?',
  text: 'Trade in services presents a vast untapped potential under GATS Mode 4.',
  citations: [citation()],
  fields: [],
  notes: [],
  answered: true,
  question: 'what is GATS Mode 4?',
  questionId: 7,
  edition: { hash: 'abc123', indexedAt: '2024-05-01T09:30:00.000Z' },
  ...over,
});

const texts = (blocks: SlackBlock[]): string[] =>
  blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : b.type === 'context' ? b.elements.map((e) => e.text) : []));
const everything = (m: SlackMessage) => [m.text, ...texts(m.blocks)].join('\n');
const buttons = (m: SlackMessage) => m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));

describe('renderReply', () => {
  it('shows the answer, the quote as a block quote with its source, and the edition', () => {
    const m = renderReply(reply());
    const shown = texts(m.blocks).join('\n');
    expect(shown).toContain('*what is GATS Mode 4?*');
    expect(shown).toContain('Trade in services presents a vast untapped potential under GATS Mode 4.');
    expect(shown).toContain('>Trade, especially trade in services, presents a vast untapped potential.');
    expect(shown).toContain('Key issues for the UN High-Level Dialogue › A. Key issues › 2. Policies');
    expect(shown).toContain('Edition abc123 · indexed 2024-05-01 09:30 UTC');
    expect(blockProblems(m.blocks, m.text)).toEqual([]);
  });

  it('does not repeat a title that the body starts with', () => {
    const m = renderReply(reply({ kind: 'no-answer', title: "The documents don't cover this.", text: "The documents don't cover this. No passage answers that question." }));
    expect(texts(m.blocks).slice(0, 2)).toEqual(["*The documents don't cover this.*", 'No passage answers that question.']);
  });

  it('always has a plain-text fallback with the answer and its source', () => {
    const m = renderReply(reply());
    expect(m.text).toContain('Trade in services presents a vast untapped potential');
    expect(m.text).toContain('Key issues for the UN High-Level Dialogue');
    const empty = renderReply(reply({ title: '', text: '', citations: [], edition: undefined }));
    expect(empty.blocks.length).toBeGreaterThan(0);
    expect(empty.text.trim()).not.toBe('');
    expect(blockProblems(empty.blocks, empty.text)).toEqual([]);
  });

  it('marks every text verbatim so names and URLs in documents are not turned into mentions or links', () => {
    const m = renderReply(reply({ notes: ['a note'] }));
    const elements = m.blocks.flatMap((b) => (b.type === 'section' ? [b.text] : b.type === 'context' ? b.elements : []));
    expect(elements.length).toBeGreaterThan(3);
    for (const e of elements) expect(e.verbatim).toBe(true);
  });

  it('escapes &, < and > from questions, documents, fields and notes, so nothing can ping or link', () => {
    const hostile = '<!channel> <!here|here> <@U999> <https://evil.example|click> Q&A 1 < 2 > 0';
    const m = renderReply(
      reply({
        title: hostile,
        text: hostile,
        question: hostile,
        citations: [citation({ document: hostile, section: hostile, quote: hostile })],
        fields: [{ name: hostile, value: hostile }],
        notes: [hostile],
      }),
      { showQuestion: true },
    );
    const all = everything(m);
    expect(all).not.toMatch(/<[!@#h]/);
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('Q&amp;A 1 &lt; 2 &gt; 0');
    expect(all).not.toContain('&amp;lt;');
  });

  it('names who asked above a shared answer, and nobody when the id is not a Slack user id', () => {
    const shared = renderReply(reply(), { askedBy: 'U0ASKER1' });
    expect(texts(shared.blocks).slice(0, 2)).toEqual(['<@U0ASKER1> asked:', '*what is GATS Mode 4?*']);
    expect(shared.text).toMatch(/^<@U0ASKER1> asked: what is GATS Mode 4\?/);
    const unanswered = renderReply(reply({ title: 'Search: remittances', question: 'remittances' }), { askedBy: 'U0ASKER1' });
    expect(texts(unanswered.blocks)[0]).toBe('<@U0ASKER1> asked: remittances');
    const forged = renderReply(reply(), { askedBy: '!channel' });
    expect(everything(forged)).not.toContain('<!channel>');
  });

  it('repeats the question for a private reply only when the title does not already say it', () => {
    expect(texts(renderReply(reply(), { showQuestion: true }).blocks).join('\n')).not.toContain('Question:');
    const noAnswer = reply({ kind: 'no-answer', title: "The documents don't cover this.", answered: false });
    expect(texts(renderReply(noAnswer, { showQuestion: true }).blocks)[0]).toBe('Question: what is GATS Mode 4?');
  });

  it('puts Share, Helpful and Not helpful under an answer, carrying its question id', () => {
    const m = renderReply(reply(), { feedback: true, share: true });
    expect(buttons(m).map((b) => [b.action_id, b.value])).toEqual([
      [ACTION.share, '7'],
      [ACTION.helpful, '7'],
      [ACTION.notHelpful, '7'],
    ]);
  });

  it('offers no Share for an unanswered question, and no buttons without a logged question or on help', () => {
    const noAnswer = renderReply(reply({ kind: 'no-answer', answered: false }), { feedback: true, share: true });
    expect(buttons(noAnswer).map((b) => b.action_id)).toEqual([ACTION.helpful, ACTION.notHelpful]);
    expect(buttons(renderReply(reply({ questionId: undefined }), { feedback: true, share: true }))).toEqual([]);
    expect(buttons(renderReply(reply({ kind: 'help' }), { feedback: true, share: true }))).toEqual([]);
    expect(buttons(renderReply(reply()))).toEqual([]);
  });

  it('lists fields (help commands, list rows, card facts) as name and value', () => {
    const m = renderReply(
      reply({ kind: 'help', citations: [], fields: [{ name: 'search <words>', value: 'The five best passages.' }] }),
    );
    expect(texts(m.blocks).join('\n')).toContain('*search &lt;words&gt;*  The five best passages.');
    expect(m.text).toContain('search &lt;words&gt;');
  });

  it('numbers search results', () => {
    const m = renderReply(reply({ kind: 'list', citations: [citation({ role: 'result' }), citation({ role: 'result' })] }));
    const shown = texts(m.blocks).join('\n');
    expect(shown).toContain('*1.* Key issues');
    expect(shown).toContain('*2.* Key issues');
  });

  it('shows an apology with its error id, and no edition footer', () => {
    const m = renderReply({ ...apology('E-1234ABCD'), edition: { hash: 'abc123', indexedAt: '2024-05-01T09:30:00Z' } });
    expect(m.text).toContain('E-1234ABCD');
    expect(texts(m.blocks).join('\n')).toContain('E-1234ABCD');
    expect(texts(m.blocks).join('\n')).not.toContain('Edition');
  });

  it('trims an answer far past Slack limits to a valid message, with a visible … and a hint, keeping the buttons', () => {
    const long = 'Migrant workers deserve protection & fair treatment. '.repeat(1000);
    const m = renderReply(
      reply({
        text: long,
        citations: Array.from({ length: 120 }, (_, i) => citation({ quote: `${i} ${long.slice(0, 5000)}` })),
        fields: Array.from({ length: 300 }, (_, i) => ({ name: `row ${i}`, value: long.slice(0, 900) })),
        notes: Array.from({ length: 30 }, (_, i) => `note ${i}`),
      }),
      { feedback: true, share: true },
    );
    expect(blockProblems(m.blocks, m.text)).toEqual([]);
    expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    const shown = texts(m.blocks);
    expect(shown.reduce((n, t) => n + t.length, 0)).toBeLessThanOrEqual(LIMITS.totalText);
    expect(shown.some((t) => t.endsWith('…'))).toBe(true);
    expect(shown).toContain(TRIMMED_HINT);
    expect(buttons(m)).toHaveLength(3);
    expect(m.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it('keeps within 50 blocks when there are many short parts', () => {
    const m = renderReply(reply({ citations: Array.from({ length: 80 }, () => citation({ quote: 'short' })) }), { feedback: true });
    expect(blockProblems(m.blocks, m.text)).toEqual([]);
    expect(texts(m.blocks)).toContain(TRIMMED_HINT);
  });

  it('keeps a message that fits whole, with no hint', () => {
    expect(texts(renderReply(reply()).blocks)).not.toContain(TRIMMED_HINT);
  });
});

describe('chunks', () => {
  it('splits long escaped text within the limit without cutting an escape in half', () => {
    const text = 'a&amp;b&lt;'.repeat(1000);
    const parts = chunks(text, 3000);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(text);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(3000);
      expect(p).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
  });

  it('prefers paragraph ends', () => {
    const para = 'word '.repeat(400).trim();
    const parts = chunks(`${para}\n\n${para}`, 3000);
    expect(parts).toEqual([para, para]);
  });
});
