// Greetings, thanks and goodbyes get a friendly word, not a search of the documents: searched,
// "hello there, how are you today?" was answered from a passage that says "today".

import { describe, expect, it } from 'vitest';
import { smallTalk } from '../../src/commands/small-talk.js';
import { ask, useTwoDesks } from './two-desks.js';

const desks = useTwoDesks();

describe('telling a pleasantry from a question', () => {
  it('knows greetings, thanks and goodbyes, however they are dressed', () => {
    expect(smallTalk('hello there, how are you today?')).toBe('greeting');
    expect(smallTalk('Hi team!')).toBe('greeting');
    expect(smallTalk("What's up?")).toBe('greeting');
    expect(smallTalk("thanks, that's all for now!")).toBe('thanks');
    expect(smallTalk('Thank you so much 🙏')).toBe('thanks');
    expect(smallTalk('ok great, got it')).toBe('thanks');
    expect(smallTalk('bye!')).toBe('farewell');
    expect(smallTalk("That's it for today, goodbye")).toBe('farewell');
  });

  it('leaves alone anything that asks or says more', () => {
    for (const text of ['hello, what is C143?', 'thanks, and what about nurses?', 'How are remittances taxed?', 'good practices', 'now', 'Is the programme great?', '']) {
      expect(smallTalk(text), text).toBeUndefined();
    }
  });
});

describe('answering a pleasantry', () => {
  it('greets back and says what to ask, without quoting a passage', async () => {
    const reply = await ask(desks.ilo, 'hello there, how are you today?');
    expect(reply).toMatchObject({ kind: 'help', title: 'Hello!', answered: false, confidence: 'none', citations: [] });
    expect(reply.text).toMatch(/Ask me a question about the documents/);
    // The question it suggests is one the documents answer.
    const suggested = /"([^"]+)"/.exec(reply.text)![1]!;
    for (const desk of [desks.ilo, desks.notes]) expect((await ask(desk, suggested)).confidence).toBe('high');
  });

  it('takes thanks as thanks, and logs neither as a question (the digest lists no "thanks" as a gap)', async () => {
    const before = (await desks.ilo.store.questionsSince(new Date(0))).length;
    expect(await ask(desks.ilo, "thanks, that's all for now!")).toMatchObject({ title: "You're welcome.", confidence: 'none', citations: [] });
    expect(await ask(desks.ilo, 'Goodbye!')).toMatchObject({ title: 'Goodbye.', citations: [] });
    expect((await desks.ilo.store.questionsSince(new Date(0))).length).toBe(before);
  });

  it('still answers a question that opens with a greeting', async () => {
    const reply = await ask(desks.ilo, 'Hello, are remittances bigger than development aid?');
    expect(reply).toMatchObject({ kind: 'answer', confidence: 'high' });
  });
});
