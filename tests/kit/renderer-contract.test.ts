// One Reply, four renderers (terminal, Slack, Discord, the API's JSON): a person sees the same
// parts in the same words everywhere. The quote once; the edition on the same kinds of reply;
// the error id always; the same labels; and a reply too long for a platform is cut the same way
// (the most important parts first) and says how much it left out.

import { describe, expect, it } from 'vitest';
import type { Citation, Reply, ReplyKind } from '../../src/types.js';
import { renderText } from '../../adapters/cli/render.js';
import { renderReply as renderSlack } from '../../adapters/slack/render.js';
import { renderReply as renderDiscord } from '../../adapters/discord/render.js';
import { toJson } from '../../adapters/reply-json.js';

interface View {
  /** Everything a person reading the reply sees, as text. */
  shown: string;
  /** The API's JSON (for the API only). */
  json?: ReturnType<typeof toJson>;
}

const RENDERERS: Record<string, (r: Reply) => View> = {
  terminal: (r) => ({ shown: renderText(r) }),
  slack: (r) => {
    const m = renderSlack(r);
    const texts = m.blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : b.type === 'context' ? b.elements.map((e) => e.text) : []));
    return { shown: texts.join('\n') };
  },
  discord: (r) => {
    const [embed] = renderDiscord(r).embeds;
    const fields = (embed?.fields ?? []).flatMap((f) => [f.name, f.value]);
    return { shown: [embed?.title, embed?.description, ...fields, embed?.footer?.text].filter(Boolean).join('\n') };
  },
  api: (r) => {
    const json = toJson(r, r.question ?? r.title);
    return { shown: JSON.stringify(json), json };
  },
};

const QUOTE = 'Remittances now exceed official development aid in many receiving countries.';
const EDITION = { hash: 'c0ffee123456', indexedAt: '2026-11-30T08:15:00.000Z' };

const cite = (role: Citation['role'], quote: string, n = 1): Citation => ({
  role,
  document: 'A policy note on remittances',
  section: `${n}. Section ${n}`,
  id: `note/${n}`,
  passage: `${quote} And more of the passage around it.`,
  quote,
});

const reply = (over: Partial<Reply>): Reply => ({
  kind: 'answer',
  title: 'Answer',
  text: '',
  citations: [],
  fields: [],
  notes: [],
  answered: false,
  edition: EDITION,
  ...over,
});

const answer = reply({
  kind: 'answer',
  title: 'Are remittances bigger than aid?',
  question: 'Are remittances bigger than aid?',
  // The core's lead is the quoted sentence itself.
  text: QUOTE,
  answered: true,
  citations: [cite('answer', QUOTE), cite('supporting', 'Supporting words about transfer costs.', 2)],
});

const noAnswer = reply({ kind: 'no-answer', title: "The documents don't cover this.", text: 'No passage answers that question.', citations: [cite('closest', 'A near passage about wages.', 3)] });

const closest = reply({
  kind: 'closest',
  title: 'Are remittances bigger than aid, and than exports?',
  text: 'The closest passage may not answer every part of the question.',
  answered: true,
  citations: [cite('answer', QUOTE), cite('supporting', 'Supporting words about transfer costs.', 2)],
});

const byKind: Record<ReplyKind, Reply> = {
  answer,
  closest,
  'no-answer': noAnswer,
  help: reply({ kind: 'help', title: 'Commands', text: 'What Policy Desk understands.', fields: [{ name: 'ask <question>', value: 'Answer a question.' }] }),
  list: reply({ kind: 'list', title: 'Sources', text: '1 document.', fields: [{ name: 'A policy note on remittances', value: '3 sections' }] }),
  card: reply({ kind: 'card', title: 'C143', text: 'A convention.', fields: [{ name: 'Year', value: '1975' }], citations: [cite('result', 'It mentions C143 here.', 4)] }),
  digest: reply({ kind: 'digest', title: 'Digest for Monday', text: 'Focus of the day: remittances.' }),
  ack: reply({ kind: 'ack', title: 'Thanks for the feedback', text: 'Marked as helpful.' }),
  error: reply({ kind: 'error', title: 'Something went wrong', text: 'Sorry, something went wrong on our side.', errorId: 'E-C0FFEE01' }),
};

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe.each(Object.keys(RENDERERS))('the %s renderer', (name) => {
  const render = RENDERERS[name]!;

  it.each([
    ['an answer', answer],
    ['a closest match', closest],
  ])('shows the quote of %s once', (_what, quoted) => {
    const view = render(quoted);
    if (view.json) {
      // The API's documented schema (npm run ask -- --json): `answer` is the quote, carried once among the citations.
      expect(view.json.answer).toBe(QUOTE);
      expect(view.json.citations.filter((c) => c.quote === QUOTE)).toHaveLength(1);
      expect(JSON.stringify([view.json.title, view.json.notes, view.json.fields])).not.toContain(QUOTE);
    } else {
      expect(count(view.shown, QUOTE)).toBe(1);
    }
  });

  it('says once that a closest match may not answer every part of the question', () => {
    const view = render(closest);
    if (view.json) expect(count(JSON.stringify(view.json), closest.text)).toBeLessThanOrEqual(1);
    else expect(count(view.shown, closest.text)).toBe(1);
  });

  it.each(Object.keys(byKind) as ReplyKind[])('shows the edition on a "%s" reply exactly when its content comes from the documents', (kind) => {
    const view = render(byKind[kind]);
    const drawn = ['answer', 'closest', 'no-answer', 'list', 'card', 'digest'].includes(kind);
    if (view.json) expect('edition' in view.json).toBe(drawn);
    else expect(view.shown.includes(`Edition ${EDITION.hash}`)).toBe(drawn);
  });

  it('always shows the error id, whatever the apology says', () => {
    expect(render(byKind.error).shown).toContain('E-C0FFEE01');
    // Even when the text around it does not carry the id.
    expect(render({ ...byKind.error, text: 'Sorry.' }).shown).toContain('E-C0FFEE01');
  });

  it('calls the same parts by the same words', () => {
    const view = render(answer);
    const closest = render(noAnswer);
    if (view.json) {
      expect(view.json.citations.map((c) => c.role)).toEqual(['answer', 'supporting']);
      expect(closest.json!.citations.map((c) => c.role)).toEqual(['closest']);
      return;
    }
    expect(view.shown).toContain('Also relevant');
    expect(view.shown).not.toMatch(/\bAlso:|Supporting passages/);
    expect(closest.shown).toContain('Closest match');
  });

  it('cuts an over-long reply the same way: the answer first, and says how much it left out', () => {
    const filler = 'Migrant workers deserve protection and fair treatment in every sector. '.repeat(25);
    const long = reply({
      ...answer,
      citations: [cite('answer', QUOTE), ...Array.from({ length: 80 }, (_, i) => cite('supporting', `MARK${i}X ${filler}`, i + 2))],
      fields: Array.from({ length: 40 }, (_, i) => ({ name: `FIELD${i}X`, value: filler })),
    });
    const { shown } = render(long);
    expect(count(shown, QUOTE)).toBeGreaterThanOrEqual(1);
    const parts = [...Array.from({ length: 80 }, (_, i) => `MARK${i}X`), ...Array.from({ length: 40 }, (_, i) => `FIELD${i}X`)];
    const missing = parts.filter((p) => !shown.includes(p));
    if (missing.length === 0) {
      expect(shown).not.toMatch(/more not shown here|Shortened to fit/);
      return;
    }
    // Cut from the end: whatever is shown comes before whatever is not.
    const lastShown = Math.max(...parts.map((p, i) => (shown.includes(p) ? i : -1)));
    expect(parts.indexOf(missing[0]!)).toBeGreaterThan(-1);
    expect(parts.slice(0, lastShown + 1).filter((p) => !shown.includes(p))).toEqual([]);
    const said = /(\d+) more not shown here\./.exec(shown);
    expect(said, 'says how many parts it left out').not.toBeNull();
    expect(Number(said![1])).toBeGreaterThan(0);
    expect(shown).toContain('Shortened to fit in a');
    expect(shown).toContain('ask a narrower question to see the rest');
  });
});
