import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import type { Reply } from '../../src/types.js';
import { ILO_DIR } from '../fixtures/paths.js';

let desk: Desk;
beforeAll(async () => {
  desk = await openDesk({ seedsDir: ILO_DIR, dataDir: ':memory:' });
});
afterAll(() => desk.close());

const ask = (text: string): Promise<Reply> => desk.handle({ type: 'message', text, platform: 'test', user: 'U1' });

describe('ask', () => {
  it('answers with sentences quoted word for word from the cited passage', async () => {
    const reply = await ask('Are remittances bigger than development aid?');
    expect(reply.kind).toBe('answer');
    expect(reply.answered).toBe(true);
    const [best, ...supporting] = reply.citations;
    expect(best!.role).toBe('answer');
    expect(best!.passage).toContain(best!.quote);
    expect(best!.quote).toMatch(/remittances are now a bigger flow than development aid/);
    expect(best!.section).toBe('A. Key issues to be taken up at the High-Level Dialogue › 1. Equitable sharing of gains of international labour migration');
    expect(best!.document).toMatch(/High-Level Dialogue/);
    expect(reply.text).toBe(best!.quote);
    expect(supporting.length).toBeLessThanOrEqual(2);
    for (const c of supporting) {
      expect(c.role).toBe('supporting');
      expect(c.passage).toContain(c.quote);
      expect(c.id).not.toBe(best!.id);
    }
  });

  it('quotes at most three sentences', async () => {
    const reply = await ask('What research has the ILO done on skilled migration and nurses?');
    const quote = reply.citations[0]!.quote;
    expect(quote.split(/(?<=[.!?])\s+(?=[A-Z])/).length).toBeLessThanOrEqual(3);
  });

  it('gives the same answer to the same question', async () => {
    const a = await ask('What does GATS Mode 4 cover?');
    const b = await ask('What does GATS Mode 4 cover?');
    expect(b.citations).toEqual(a.citations);
    expect(a.citations[0]!.quote).toMatch(/movement of natural persons/);
  });

  it.each(['What is the capital of France?', 'How do I reset my Slack password?', 'Who won the 2006 World Cup?'])(
    'says plainly when the documents do not cover "%s", with the closest matches',
    async (question) => {
      const reply = await ask(question);
      expect(reply.kind).toBe('no-answer');
      expect(reply.answered).toBe(false);
      expect(reply.title).toBe("The documents don't cover this.");
      expect(reply.citations.length).toBeLessThanOrEqual(2);
      for (const c of reply.citations) expect(c.role).toBe('closest');
    },
  );

  it('logs every question with whether it was answered and the top passage', async () => {
    const answered = await ask('What is the Berne Initiative?');
    const refused = await ask('What is the capital of France?');
    const a = (await desk.store.question(answered.questionId!))!;
    const r = (await desk.store.question(refused.questionId!))!;
    expect(a).toMatchObject({ platform: 'test', user: 'U1', question: 'What is the Berne Initiative?', answered: true, topPassageId: answered.citations[0]!.id });
    expect(r).toMatchObject({ answered: false });
  });

  it('states the edition of the documents it answered from', async () => {
    const reply = await ask('circular migration');
    expect(reply.edition!.hash).toMatch(/^[0-9a-f]{12}$/);
    expect(reply.edition!.hash).toBe(desk.stats().edition.hash);
  });
});

describe('questions are cleaned before search', () => {
  it('gives help for an empty or blank question', async () => {
    for (const text of ['', '   ', '\n\t ']) {
      const reply = await ask(text);
      expect(reply.kind).toBe('help');
      expect(reply.fields.map((f) => f.name)).toContain('search <words>');
    }
  });

  it('caps a huge question at 500 characters and says the rest was ignored', async () => {
    const reply = await ask('What does the paper say about remittances? ' + 'blah '.repeat(2000));
    expect(reply.notes.join(' ')).toMatch(/first 500 characters.*ignored/);
    expect(reply.question!.length).toBeLessThanOrEqual(500);
  });

  it('collapses whitespace', async () => {
    const reply = await ask('  What   is\tthe   Berne\n\nInitiative?  ');
    expect(reply.question).toBe('What is the Berne Initiative?');
  });

  it.each(['🎉🎉🎉', 'Что такое миграция?', '移民工人的权利是什么', '***', '"""', '- - -', '<script>alert(1)</script>', '<!channel> @everyone', 'a\u0000b\u200Bc', '-remittances "forced labour" AND NOT', '\uD800'])(
    'never throws on odd input %j',
    async (text) => {
      const reply = await ask(text);
      expect(['answer', 'closest', 'no-answer', 'help', 'list']).toContain(reply.kind);
      expect(reply.errorId).toBeUndefined();
    },
  );
});

describe('other commands', () => {
  it('help lists every command of the table', async () => {
    const reply = await ask('help');
    expect(reply.kind).toBe('help');
    expect(reply.fields.map((f) => f.name)).toEqual(desk.commands.map((c) => c.usage));
  });

  it('search returns the five best passages, ranked and cited', async () => {
    const reply = await ask('search trafficking');
    expect(reply.kind).toBe('list');
    expect(reply.citations).toHaveLength(5);
    expect(reply.citations[0]!.passage).toMatch(/trafficking/i);
    for (const c of reply.citations) expect(c.passage).toContain(c.quote);
    expect(new Set(reply.citations.map((c) => c.id)).size).toBe(5);
  });

  it('search with no words explains its usage', async () => {
    const reply = await ask('search');
    expect(reply.title).toBe('Usage: search <words>');
  });

  it('sources lists the documents with sections and passage counts', async () => {
    const reply = await ask('sources');
    expect(reply.kind).toBe('list');
    const stats = desk.stats();
    expect(reply.text).toBe(`${stats.documents} document${stats.documents === 1 ? '' : 's'}, ${stats.passages} passages indexed.`);
    expect(reply.fields[0]!.value).toMatch(/B\. ILO responses › 3\. Technical cooperation \(3\)/);
  });

  it.each(['help?', 'Help!', '/help', '?'])('"%s" is help, not a question', async (text) => {
    expect((await ask(text)).kind).toBe('help');
  });

  it('a lone letter is not a question the documents answer', async () => {
    expect((await ask('b')).answered).toBe(false);
  });

  it.each(['issue of brain drain in Africa', 'programme for domestic workers?'])('"%s" names no catalog entry, so it is asked as a question', async (text) => {
    const reply = await ask(text);
    expect(['answer', 'no-answer']).toContain(reply.kind);
    expect(reply.question).toBe(text);
    expect(reply.questionId).toBeDefined();
  });

  it('help examples come from the catalog loaded, not from a fixed document', async () => {
    const help = await ask('help');
    const convention = help.fields.find((f) => f.name === 'convention <number or name>')!;
    const example = /Example: convention (.+)$/.exec(convention.value)![1]!;
    expect((await ask(`convention ${example}`)).kind).toBe('card');
    // The example question is one these documents answer.
    const question = /Example: (.+)$/.exec(help.fields.find((f) => f.name === 'ask <question>')!.value)![1]!;
    expect((await ask(question)).confidence).toBe('high');
  });

  it('a question that starts with a command word is still a question', async () => {
    const reply = await ask('sources of statistical data on labour migration?');
    expect(reply.kind).not.toBe('list');
    expect(reply.question).toBe('sources of statistical data on labour migration?');
  });
});

describe('feedback and share', () => {
  it('records feedback against the logged question', async () => {
    const reply = await ask('What is MIGRANT?');
    const ack = await desk.handle({ type: 'feedback', questionId: reply.questionId!, helpful: false, platform: 'test', user: 'U2' });
    expect(ack.kind).toBe('ack');
    expect((await desk.store.feedbackSince(new Date(0))).notHelpful).toBeGreaterThanOrEqual(1);
  });

  it('counts one vote per person per answer: a second click changes the vote', async () => {
    const reply = await ask('What is the Geneva Migration Group?');
    const before = await desk.store.feedbackSince(new Date(0));
    for (const helpful of [true, true, false]) await desk.handle({ type: 'feedback', questionId: reply.questionId!, helpful, platform: 'test', user: 'U9' });
    const after = await desk.store.feedbackSince(new Date(0));
    expect(after.helpful - before.helpful).toBe(0);
    expect(after.notHelpful - before.notHelpful).toBe(1);
  });

  it('share gives the same answer again without logging a new question', async () => {
    const reply = await ask('What does the paper say about nurses?');
    const before = (await desk.store.questionsSince(new Date(0))).length;
    const shared = await desk.handle({ type: 'share', questionId: reply.questionId!, platform: 'test', user: 'U1' });
    expect(shared.citations).toEqual(reply.citations);
    expect(shared.questionId).toBe(reply.questionId);
    expect((await desk.store.questionsSince(new Date(0))).length).toBe(before);
  });

  it('feedback or share on an unknown answer gets a clear reply, not an error', async () => {
    const ack = await desk.handle({ type: 'feedback', questionId: 999999, helpful: true, platform: 'test' });
    expect(ack.text).toMatch(/no longer on record/);
    const shared = await desk.handle({ type: 'share', questionId: 999999, platform: 'test' });
    expect(shared.text).toMatch(/no longer on record/);
  });
});
