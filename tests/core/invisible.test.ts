// Invisible characters pasted into a question (zero-width spaces, soft hyphens, a BOM) must not
// split its words, and emoji joined with U+200D must reach the reply as the person typed them.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import { searchText, terms } from '../../src/search/text.js';
import { BOT_USER_ID } from '../fakes/slack.js';
import { mention, ts } from '../fakes/slack-payloads.js';
import { startHarness } from '../slack/harness.js';
import { seedsWith } from '../catalog/helpers.js';

const DOCUMENT = `# Money sent home

## Remittances

Remittances sent home by migrant workers are now larger than development aid in many countries.

## Fees

Recruitment agencies should not charge workers fees for finding them a job abroad.
`;

let desk: Desk;
beforeAll(async () => {
  desk = await openDesk({ seedsDir: seedsWith({ 'note.md': DOCUMENT }), dataDir: ':memory:' });
});
afterAll(() => desk?.close());

const ask = (text: string) => desk.handle({ type: 'message', text, platform: 'test' });
const JUDGE = '👩\u200D⚖️'; // woman judge: three code points joined by U+200D

describe('invisible characters', () => {
  it.each([
    ['a zero-width space', 'How big are remit\u200Btances?'],
    ['a zero-width non-joiner', 'How big are remit\u200Ctances?'],
    ['a word joiner', 'How big are remit\u2060tances?'],
    ['a byte-order mark', '\uFEFFHow big are remit\uFEFFtances?'],
    ['a soft hyphen', 'How big are remit\u00ADtances?'],
    ['a zero-width joiner between letters', 'How big are remit\u200Dtances?'],
  ])('%s inside a word does not split it', async (_name, question) => {
    const reply = await ask(question);
    expect(reply.answered).toBe(true);
    expect(reply.citations[0]?.quote).toMatch(/^Remittances sent home/);
  });

  it('emoji joined with U+200D stay whole in the reply, as typed', async () => {
    const reply = await ask(`How big are remittances ${JUDGE}?`);
    expect(reply.answered).toBe(true);
    expect(reply.title).toBe(`How big are remittances ${JUDGE}?`);
    expect(reply.question).toBe(`How big are remittances ${JUDGE}?`);
  });

  it('search text drops them, keeping a joiner only between emoji', () => {
    expect(searchText(`re\u200Bmit\u00ADtan\uFEFFces \u2060and${JUDGE} a\u200Db`)).toBe(`remittances and${JUDGE} ab`);
    expect(terms('remit\u200Btances')).toEqual(terms('remittances'));
  });

  it('a Slack mention with an emoji sequence is answered with the emoji intact in the title', async () => {
    const h = await startHarness('socket', { desk });
    try {
      const at = ts();
      await h.event(mention({ text: `<@${BOT_USER_ID}> How big are remit\u200Btances ${JUDGE}?`, ts: at, channel: 'C0EMOJI1' }));
      const post = await vi.waitFor(() => {
        const found = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0EMOJI1');
        expect(found).toBeDefined();
        return found!;
      }, { timeout: 5000, interval: 20 });
      expect(String(post.args.text)).toContain(`${JUDGE}?`);
      expect(String(post.args.text)).toContain('Remittances sent home');
    } finally {
      await h.close();
    }
  });
});
