// The three outcomes a question can have: an answer (confidence "high"), the closest passage
// ("partial", named as such, with the words no passage uses) and not covered ("none").

import { describe, expect, it } from 'vitest';
import { NOT_COVERED, answerQuestion } from '../../src/answer/ask.js';
import { buildIndex } from '../../src/search/index.js';
import { renderText, renderOneLine } from '../../adapters/cli/render.js';
import { toJson } from '../../adapters/reply-json.js';
import { renderReply as slackReply } from '../../adapters/slack/render.js';
import { renderReply as discordReply } from '../../adapters/discord/render.js';
import { ask, useTwoDesks } from './two-desks.js';

const desks = useTwoDesks();

describe('three outcomes', () => {
  it('answers with confidence "high" when the quote answers the question', async () => {
    const reply = await ask(desks.ilo, 'Are remittances bigger than development aid?');
    expect(reply).toMatchObject({ kind: 'answer', answered: true, confidence: 'high', unmatched: [] });
    expect(reply.citations[0]!.quote).toMatch(/bigger flow than development aid/);
  });

  it('leads with the closest passage, says it may not answer every part, and names the words no passage uses', async () => {
    const reply = await ask(desks.notes, "Can an employer keep a live-in worker's passport?");
    expect(reply).toMatchObject({ kind: 'closest', answered: true, confidence: 'partial', unmatched: ['passport'] });
    expect(reply.title).not.toBe(NOT_COVERED);
    expect(reply.title).toMatch(/may not answer every part/);
    expect(reply.text).toMatch(/"passport"/);
    expect(reply.citations[0]).toMatchObject({ role: 'answer', section: '4. Live-in workers' });
    expect(reply.citations[0]!.quote).toMatch(/travel and identity documents/);
  });

  it('says "not covered" with confidence "none" and the closest matches when the subject is not in the documents', async () => {
    for (const question of ['What is the capital of France?', 'Who won the 2006 World Cup?', 'What visa do I need to work in Germany?']) {
      const reply = await ask(desks.ilo, question);
      expect(reply, question).toMatchObject({ kind: 'no-answer', answered: false, confidence: 'none', title: NOT_COVERED });
      for (const c of reply.citations) expect(c.role).toBe('closest');
    }
  });

  it('names a word as unmatched when only passages far from the question use a synonym of it', () => {
    const passages = [
      ...['The labour market for developers is tight.', 'Labour market rules set what developers earn.', 'Labour market data on developers, by region.'].map((text, k) => ({ id: `d/a/${k}`, doc: 'd', document: 'N', section: 'A', text })),
      { id: 'd/b/1', doc: 'd', document: 'N', section: 'B', text: 'An integrated package of research and advice.' },
      ...Array.from({ length: 4 }, (_, k) => ({ id: `d/c/${k}`, doc: 'd', document: 'N', section: 'C', text: `Harvest report ${k}.` })),
    ];
    const index = buildIndex(passages);
    const question = 'What is the labour market like for software developers?';
    expect(index.parse(question).alternatives?.get('softwar')).toContain('packag');
    expect(answerQuestion(question, index, undefined).unmatched).toContain('software');
  });

  it('refuses a "when" question whose passages hold no date, however well they match', async () => {
    const reply = await ask(desks.ilo, 'When was the ILO founded?');
    expect(reply.confidence).toBe('none');
  });

});

describe('the outcomes in every renderer', () => {
  it('prints the not-covered title once in the terminal', async () => {
    const text = renderText(await ask(desks.ilo, 'Who won the 2006 World Cup?'));
    expect(text.split(NOT_COVERED).length - 1).toBe(1);
    expect(text).toMatch(/Closest matches:/);
  });

  it('shows the three outcomes differently in the terminal, Slack and Discord', async () => {
    const high = await ask(desks.notes, 'What does this instrument say about weekly rest?');
    const partial = await ask(desks.notes, "Can an employer keep a live-in worker's passport?");
    const none = await ask(desks.notes, 'What is the capital of France?');
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
    const partial = toJson(await ask(desks.notes, "Can an employer keep a live-in worker's passport?"), 'q');
    expect(partial).toMatchObject({ answered: true, confidence: 'partial', unmatched: ['passport'], kind: 'closest' });
    expect(partial.answer).toBe(partial.citations[0]!.quote);
    const none = toJson(await ask(desks.ilo, 'What is the capital of France?'), 'q');
    expect(none).toMatchObject({ answered: false, confidence: 'none' });
    expect(none.unmatched).toEqual(expect.arrayContaining(['capital', 'France']));
    const high = toJson(await ask(desks.ilo, 'What does GATS Mode 4 cover?'), 'q');
    expect(high).toMatchObject({ answered: true, confidence: 'high', unmatched: [] });
  });
});
