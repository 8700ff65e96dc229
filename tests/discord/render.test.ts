import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import type { Citation, Reply } from '../../src/types.js';
import { embedsLength, LIMITS, renderReply, TRIM_HINT } from '../../adapters/discord/render.js';

const citation = (over: Partial<Citation> = {}): Citation => ({
  role: 'answer',
  document: 'Key issues for the UN High-Level Dialogue',
  section: 'A. Key issues › 2. Policies for orderly migration',
  id: 'doc/a.2/1',
  passage: 'Trade in services presents a vast untapped potential. It matters.',
  quote: 'Trade in services presents a vast untapped potential.',
  ...over,
});

const reply = (over: Partial<Reply> = {}): Reply => ({
  kind: 'answer',
  title: 'What is GATS Mode 4?',
  text: 'Trade in services presents a vast untapped potential.',
  citations: [citation()],
  fields: [],
  notes: [],
  answered: true,
  edition: { hash: 'abc123', indexedAt: '2025-01-02T03:04:05.000Z' },
  ...over,
});

function expectWithinLimits(embeds: APIEmbed[], content?: string): void {
  expect(content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  expect(embedsLength(embeds)).toBeLessThanOrEqual(LIMITS.embedsTotal);
  for (const e of embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  }
}

const words = (n: number, word = 'migration') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

describe('renderReply', () => {
  it('shows the answer as a quote with its document and section, and supporting passages as fields', () => {
    const { embeds } = renderReply(
      reply({
        citations: [
          citation(),
          citation({ role: 'supporting', section: 'Notes › Note 5', quote: 'Alan Winters on Mode 4 trade.' }),
        ],
      }),
    );
    const [embed] = embeds;
    expect(embed?.title).toBe('What is GATS Mode 4?');
    expect(embed?.description).toContain('> Trade in services presents a vast untapped potential.');
    expect(embed?.description).toContain('**Key issues for the UN High-Level Dialogue** › A. Key issues › 2. Policies for orderly migration');
    // The lead repeats the quote word for word: shown once.
    expect(embed?.description?.match(/vast untapped/g)).toHaveLength(1);
    expect(embed?.fields).toEqual([
      { name: 'Also relevant: Notes › Note 5', value: '> Alan Winters on Mode 4 trade.\n— *Key issues for the UN High-Level Dialogue*' },
    ]);
    expect(embed?.footer?.text).toBe('Edition abc123');
    expect(embed?.timestamp).toBe('2025-01-02T03:04:05.000Z');
  });

  it('keeps a short reply whole: no cut marks and no hint', () => {
    const { embeds, content } = renderReply(reply({ notes: ['The rest of your question was ignored.'] }));
    expect(content).toBeUndefined();
    expect(JSON.stringify(embeds)).not.toContain('…');
    expect(embeds[0]?.footer?.text).toBe('The rest of your question was ignored.\nEdition abc123');
  });

  it('renders help, list and card fields as name/value pairs', () => {
    const { embeds } = renderReply(
      reply({
        kind: 'card',
        title: 'C143',
        text: 'Migrant Workers (Supplementary Provisions) Convention',
        citations: [],
        fields: [
          { name: 'Year', value: '1975' },
          { name: 'What the documents say', value: words(30) },
        ],
      }),
    );
    expect(embeds[0]?.fields?.[0]).toEqual({ name: 'Year', value: '1975', inline: true });
    expect(embeds[0]?.fields?.[1]?.inline).toBeUndefined();
    expect(embeds[0]?.description).toBe('Migrant Workers (Supplementary Provisions) Convention');
  });

  it('leaves formatting, links and mentions in document text literal', () => {
    const hostile = '**bold** _it_ `code` ~~s~~ ||spoiler|| [click](https://evil.example) <@123> <@&456> <#789> @everyone\n# Heading\n> nested\n- item';
    const { embeds } = renderReply(reply({ text: 'Lead.', citations: [citation({ quote: hostile, document: 'Doc **x**', section: '' })] }));
    const description = embeds[0]?.description ?? '';
    expect(description).toContain('\\*\\*bold\\*\\*');
    expect(description).toContain('\\_it\\_');
    expect(description).toContain('\\`code\\`');
    expect(description).toContain('\\|\\|spoiler\\|\\|');
    expect(description).toContain('\\[click](https://evil.example)');
    expect(description).toContain('\\<@123>');
    expect(description).toContain('\\<@&456>');
    expect(description).toContain('\\<#789>');
    expect(description).toContain('> \\# Heading');
    expect(description).toContain('> \\> nested');
    expect(description).toContain('> \\- item');
    expect(description).toContain('— **Doc \\*\\*x\\*\\***');
    // Every line of the quote stays inside the block quote.
    const quoteLines = description.split('\n').slice(1, -1);
    expect(quoteLines.every((line) => line.startsWith('> '))).toBe(true);
  });

  it('fits an enormous reply within every Discord limit, marking the cuts and keeping the citation', () => {
    const big = reply({
      title: words(200),
      text: words(2000),
      citations: [
        citation({ quote: words(3000, 'remittance*') }),
        ...Array.from({ length: 40 }, (_, i) => citation({ role: 'supporting', section: `Section ${i} ${words(80)}`, quote: words(500) })),
      ],
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `Field ${i}`, value: words(400) })),
      notes: [words(600)],
    });
    const { embeds, content } = renderReply(big, { askedBy: '42' });
    expectWithinLimits(embeds, content);
    const [embed] = embeds;
    expect(embed?.title?.endsWith('…')).toBe(true);
    expect(embed?.description).toContain('…');
    expect(embed?.description).toContain('— **Key issues for the UN High-Level Dialogue** › A. Key issues › 2. Policies for orderly migration');
    expect(embed?.footer?.text.startsWith(TRIM_HINT)).toBe(true);
    expect(embed?.fields?.at(-1)?.value).toMatch(/^\d+ more not shown here\.$/);
  });

  it('continues a long list over several fields instead of cutting it, when it fits', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `Section ${i} › A subsection with a long descriptive name (${i})`);
    const { embeds } = renderReply(reply({ kind: 'list', title: 'Sources', text: '1 document.', citations: [], fields: [{ name: 'The document', value: lines.join('\n') }] }));
    expectWithinLimits(embeds);
    const fields = embeds[0]?.fields ?? [];
    expect(fields.length).toBeGreaterThan(1);
    expect(fields[0]?.name).toBe('The document');
    expect(fields.map((f) => f.value).join('\n')).toBe(lines.join('\n'));
    expect(embeds[0]?.footer?.text).not.toContain(TRIM_HINT);
  });

  it('names who asked when an answer is shared, without letting the question ping anyone', () => {
    const { content } = renderReply(reply({ question: '@everyone what is **Mode 4**?' }), { askedBy: '1234567890' });
    expect(content).toBe('Asked by <@1234567890>: @\u200beveryone what is \\*\\*Mode 4\\*\\*?');
    const long = renderReply(reply({ question: words(1000) }), { askedBy: '1' });
    expect(long.content?.length).toBeLessThanOrEqual(LIMITS.content);
    expect(long.content?.endsWith('…')).toBe(true);
  });

  it('stays within limits for any mix of sizes', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const text = () => (random(4) === 0 ? '' : words(random(900), random(2) ? 'x' : 'a*b_'));
    for (let round = 0; round < 150; round++) {
      const r = reply({
        kind: (['answer', 'no-answer', 'list', 'help', 'card', 'digest', 'ack', 'error'] as const)[random(8)],
        title: words(random(60) + 1),
        text: text(),
        citations: Array.from({ length: random(12) }, (_, i) =>
          citation({ role: i === 0 ? 'answer' : 'supporting', quote: text(), passage: text() || 'p', section: random(3) ? words(random(40)) : '' }),
        ),
        fields: Array.from({ length: random(35) }, () => ({ name: words(random(70)), value: text() })),
        notes: Array.from({ length: random(3) }, text),
      });
      const { embeds, content } = renderReply(r, { askedBy: '99' });
      expectWithinLimits(embeds, content);
    }
  });
});
