// The three outcomes a question can have: an answer (confidence "high"), the closest passage
// ("partial", named as such, with the words no passage uses) and not covered ("none").

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import type { Reply } from '../../src/types.js';
import { buildIndex } from '../../src/search/index.js';
import { answerQuestion, DEFAULT_ANSWER_OPTIONS, NOT_COVERED, rankPassages } from '../../src/answer/ask.js';
import { renderText, renderOneLine } from '../../adapters/cli/render.js';
import { toJson } from '../../adapters/cli/json.js';
import { renderReply as slackReply } from '../../adapters/slack/render.js';
import { renderReply as discordReply } from '../../adapters/discord/render.js';
import type { Passage } from '../../src/corpus/types.js';
import { ILO_DIR, NOTES_DIR } from '../fixtures/paths.js';

let ilo: Desk;
let notes: Desk;
beforeAll(async () => {
  ilo = await openDesk({ seedsDir: ILO_DIR, dataDir: ':memory:' });
  notes = await openDesk({ seedsDir: NOTES_DIR, dataDir: ':memory:' });
});
afterAll(() => {
  ilo.close();
  notes.close();
});

const ask = (desk: Desk, text: string): Promise<Reply> => desk.handle({ type: 'message', text, platform: 'test', user: 'U1' });

describe('three outcomes', () => {
  it('answers with confidence "high" when the quote answers the question', async () => {
    const reply = await ask(ilo, 'Are remittances bigger than development aid?');
    expect(reply).toMatchObject({ kind: 'answer', answered: true, confidence: 'high', unmatched: [] });
    expect(reply.citations[0]!.quote).toMatch(/bigger flow than development aid/);
  });

  it('leads with the closest passage, says it may not answer every part, and names the words no passage uses', async () => {
    const reply = await ask(notes, "Can an employer keep a live-in worker's passport?");
    expect(reply).toMatchObject({ kind: 'closest', answered: true, confidence: 'partial', unmatched: ['passport'] });
    expect(reply.title).not.toBe(NOT_COVERED);
    expect(reply.title).toMatch(/may not answer every part/);
    expect(reply.text).toMatch(/"passport"/);
    expect(reply.citations[0]).toMatchObject({ role: 'answer', section: '4. Live-in workers' });
    expect(reply.citations[0]!.quote).toMatch(/travel and identity documents/);
  });

  it('says "not covered" with confidence "none" and the closest matches when the subject is not in the documents', async () => {
    for (const question of ['What is the capital of France?', 'Who won the 2006 World Cup?', 'What visa do I need to work in Germany?']) {
      const reply = await ask(ilo, question);
      expect(reply, question).toMatchObject({ kind: 'no-answer', answered: false, confidence: 'none', title: NOT_COVERED });
      for (const c of reply.citations) expect(c.role).toBe('closest');
    }
  });

  it('refuses a "when" question whose passages hold no date, however well they match', async () => {
    const reply = await ask(ilo, 'When was the ILO founded?');
    expect(reply.confidence).toBe('none');
  });

});

describe('the outcomes in every renderer', () => {
  it('prints the not-covered title once in the terminal', async () => {
    const text = renderText(await ask(ilo, 'Who won the 2006 World Cup?'));
    expect(text.split(NOT_COVERED).length - 1).toBe(1);
    expect(text).toMatch(/Closest matches:/);
  });

  it('shows the three outcomes differently in the terminal, Slack and Discord', async () => {
    const high = await ask(notes, 'What does this instrument say about weekly rest?');
    const partial = await ask(notes, "Can an employer keep a live-in worker's passport?");
    const none = await ask(notes, 'What is the capital of France?');
    expect([high.confidence, partial.confidence, none.confidence]).toEqual(['high', 'partial', 'none']);

    const heads = [high, partial, none].map((r) => renderText(r).split('\n')[0]);
    expect(new Set(heads).size).toBe(3);
    expect(heads[0]).toBe('Answer');
    expect(renderText(partial)).toMatch(/may not answer every part[\s\S]*“Domestic workers who reside/);
    expect(renderOneLine(partial)).toMatch(/^Closest \(may not answer every part\): Domestic workers who reside/);

    const slackTitles = [high, partial, none].map((r) => slackReply(r).blocks.find((b) => b.type === 'section')!.text.text);
    expect(new Set(slackTitles).size).toBe(3);
    expect(slackTitles[1]).toMatch(/may not answer every part/);

    const colours = [high, partial, none].map((r) => discordReply(r).embeds[0]!.color);
    expect(new Set(colours).size).toBe(3);
    expect(discordReply(partial).embeds[0]!.description).toMatch(/Domestic workers who reside/);
  });

  it('gives JSON the confidence, the unmatched words and answered for each outcome', async () => {
    const partial = toJson(await ask(notes, "Can an employer keep a live-in worker's passport?"), 'q');
    expect(partial).toMatchObject({ answered: true, confidence: 'partial', unmatched: ['passport'], kind: 'closest' });
    expect(partial.answer).toBe(partial.citations[0]!.quote);
    const none = toJson(await ask(ilo, 'What is the capital of France?'), 'q');
    expect(none).toMatchObject({ answered: false, confidence: 'none' });
    expect(none.unmatched).toEqual(expect.arrayContaining(['capital', 'France']));
    const high = toJson(await ask(ilo, 'What does GATS Mode 4 cover?'), 'q');
    expect(high).toMatchObject({ answered: true, confidence: 'high', unmatched: [] });
  });
});

describe('answer options, each with a default', () => {
  // Filler keeps the corpus large enough that no word is in most passages.
  const filler = Array.from({ length: 8 }, (_, k) => ({ id: `d/c/${k}`, doc: 'd', document: 'Note', section: 'C', text: `Filler passage number ${k} about harvests.` }));
  const passages: Passage[] = [
    { id: 'd/a/1', doc: 'd', document: 'Note', section: 'A', text: 'Recruitment fees are charged to workers by agencies.' },
    { id: 'd/b/1', doc: 'd', document: 'Note', section: 'B', text: 'Seasonal workers pick fruit in the summer.' },
    ...filler,
  ];
  const index = buildIndex(passages);

  it('partialCoverage decides how much of the question a closest passage must hold', () => {
    const q = 'Are recruitment fees charged to seasonal workers in winter?';
    expect(answerQuestion(q, index, undefined, { ...DEFAULT_ANSWER_OPTIONS, minCoverage: 1, partialCoverage: 0.3 }).confidence).toBe('partial');
    expect(answerQuestion(q, index, undefined, { ...DEFAULT_ANSWER_OPTIONS, minCoverage: 1, partialCoverage: 0.99 }).confidence).toBe('none');
  });

  it('highMargin turns two nearly level passages into a closest reply', () => {
    const level: Passage[] = [
      { id: 'd/a/1', doc: 'd', document: 'Note', section: 'A', text: 'Agencies charge recruitment fees to workers abroad.' },
      { id: 'd/b/1', doc: 'd', document: 'Note', section: 'B', text: 'Agencies charge recruitment fees to workers at home.' },
    ];
    const q = 'Do agencies charge recruitment fees to workers?';
    const i = buildIndex([...level, ...filler]);
    expect(answerQuestion(q, i, undefined, { ...DEFAULT_ANSWER_OPTIONS, highMargin: 1 }).confidence).toBe('high');
    expect(answerQuestion(q, i, undefined, { ...DEFAULT_ANSWER_OPTIONS, highMargin: 2 }).confidence).toBe('partial');
  });

  it('nameShare requires the rare names of the question in a closest passage, or not (0)', () => {
    const named: Passage[] = [
      { id: 'd/a/1', doc: 'd', document: 'Note', section: 'A', text: 'Unemployment rates of migrants are high.' },
      { id: 'd/b/1', doc: 'd', document: 'Note', section: 'B', text: 'Spain hosts many migrants.' },
      ...filler,
    ];
    const i = buildIndex(named);
    const q = 'What is the unemployment rate in Spain?';
    expect(answerQuestion(q, i, undefined, { ...DEFAULT_ANSWER_OPTIONS, minCoverage: 1 }).confidence).toBe('none');
    expect(answerQuestion(q, i, undefined, { ...DEFAULT_ANSWER_OPTIONS, minCoverage: 1, nameShare: 0 }).confidence).toBe('partial');
  });

  it('definitionBonus puts the passage that says what X is first for "What is X?"', () => {
    const defined: Passage[] = [
      { id: 'd/a/1', doc: 'd', document: 'Note', section: 'A', text: 'Recruitment fees rose again. Agencies charged recruitment fees of every kind to recruitment candidates.' },
      { id: 'd/b/1', doc: 'd', document: 'Note', section: 'B', text: 'Recruitment fees are payments that workers make to get a job.' },
      ...filler,
    ];
    const i = buildIndex(defined);
    const top = (bonus: number) => rankPassages('What are recruitment fees?', i, undefined, { ...DEFAULT_ANSWER_OPTIONS, definitionBonus: bonus }).ranked[0]!.passage.id;
    expect(top(1)).toBe('d/a/1');
    expect(top(DEFAULT_ANSWER_OPTIONS.definitionBonus)).toBe('d/b/1');
  });
});
