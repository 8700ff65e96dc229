// Questions that need a kind of quote (a date, a count, country names) are answered with
// confidence only by a quote that has one; otherwise the passage is at best the closest.

import { describe, expect, it } from 'vitest';
import { judgeKind } from '../../src/answer/kinds.js';
import { answerQuestion } from '../../src/answer/ask.js';
import { buildIndex } from '../../src/search/index.js';
import { countriesIn } from '../../src/search/places.js';

const kindFit = (question: string, quote: string) => judgeKind(question, quote).fit;

describe('question kinds', () => {
  it('"Which countries…" needs country names, not a count of countries', () => {
    const q = 'Which 22 countries does the project cover?';
    expect(kindFit(q, 'The project covers 22 countries in Eastern and Western Africa.')).toBe('closest');
    expect(kindFit(q, 'It covers Kenya, Uganda and the United Republic of Tanzania, among others.')).toBe('fits');
    // A country the question names itself is not an answer.
    expect(kindFit('Which countries besides Kenya joined?', 'Kenya joined in 2004.')).toBe('closest');
    // Not a question for a list: "What should destination countries do…".
    expect(kindFit('What should destination countries focus on?', 'Policy coherence matters most.')).toBe('fits');
  });

  it('"How many…" needs a number that counts what is asked; no number at all refuses', () => {
    const q = 'How many countries took part in the meeting?';
    expect(kindFit(q, 'The meeting set four principles: efficiency, equity and ethics.')).toBe('closest');
    expect(kindFit(q, 'Delegates of 31 countries took part.')).toBe('fits');
    expect(kindFit(q, 'Some twenty countries took part.')).toBe('fits');
    expect(kindFit(q, 'The meeting was useful.')).toBe('refuse');
    // "A handful" is no number: at best the closest.
    expect(kindFit('How many specialists work at headquarters?', 'A handful of specialists work at headquarters.')).toBe('closest');
  });

  it('"How much…" needs an amount (money, a share, a scale, a span of time), not a count of things', () => {
    const q = 'How much did the Commission give for the project?';
    expect(kindFit(q, 'The Commission funds a project covering 22 countries in Eastern Africa.')).toBe('closest');
    expect(kindFit(q, 'The Commission gave US$ 4 million to the project.')).toBe('fits');
    expect(kindFit(q, 'The Commission gave 1,200,000 euros.')).toBe('fits');
    expect(kindFit(q, 'The Commission gave EUR 900,000.')).toBe('fits');
    expect(kindFit('How much have remittances grown?', 'Remittances have doubled since 1995.')).toBe('fits');
    expect(kindFit('How much time do agencies get?', 'Agencies get 30 days to comply.')).toBe('fits');
    expect(kindFit('How much did the fund give?', 'The fund was set up in 2004.')).toBe('closest');
    expect(kindFit('How much did the fund give?', 'The fund gave EUR 2.5 million.')).toBe('fits');
  });

  it('"What share of…" needs a share, "What is the … rate of…" a figure: "most of them" is neither', () => {
    expect(kindFit('What share of commitments cover service suppliers?', 'Most of them concern transferees.')).toBe('closest');
    expect(kindFit('What share of migrant workers live in developing countries?', 'Close to half of the 86 million live there.')).toBe('fits');
    // A share is a part of a whole: a count of something else is not one.
    expect(kindFit('What share of migrant workers live in developing countries?', 'The workshop set four principles for developing countries.')).toBe('closest');
    expect(kindFit('What proportion of agencies comply?', 'About 35 per cent of agencies comply.')).toBe('fits');
    expect(kindFit('What is the unemployment rate of migrants in France?', 'Unemployment of migrants is high.')).toBe('closest');
    expect(kindFit('What discrimination rate did the research find?', 'It found net discrimination rates of 35 per cent.')).toBe('fits');
    // Not a question for a quantity.
    expect(kindFit('What level of protection does the convention give?', 'It protects all workers.')).toBe('fits');
  });

  it('"On what date…" needs a day, "When…" at least a year, or a condition to be the closest passage', () => {
    expect(kindFit('On what date did the Director-General brief the group?', 'In 2005 the Director-General briefed the group.')).toBe('closest');
    expect(kindFit('On what date did the Director-General brief the group?', 'He briefed the group on 12 May 2005.')).toBe('fits');
    expect(kindFit('When was the group founded?', 'The group was founded by six agencies.')).toBe('refuse');
    expect(kindFit('When was the group founded?', 'The group was founded in 2003.')).toBe('fits');
    expect(kindFit('When does the complaints procedure start?', 'It only becomes operative once ten States have accepted it.')).toBe('closest');
  });

  it('"Which article…" needs an article number, "Who chairs…" a person', () => {
    expect(kindFit('Which article of the convention prohibits collective expulsion?', 'The convention prohibits collective expulsion.')).toBe('closest');
    expect(kindFit('Which article of the convention prohibits collective expulsion?', 'Article 22 prohibits collective expulsion.')).toBe('fits');
    expect(kindFit('Who chairs the Global Commission?', 'The Global Commission reports to the Secretary-General of the United Nations.')).toBe('closest');
    expect(kindFit('Who chairs the Global Commission?', 'The Global Commission is chaired by Jan Karlsson and Mamphela Ramphele.')).toBe('fits');
    expect(kindFit('What is the name of the Director-General?', 'In the words of Mr. Juan Somavia, it is a milestone.')).toBe('fits');
  });

  it('a passage that lacks what the kind needs is no rival to one that holds it', () => {
    const passages = [
      { id: 'd/a/1', doc: 'd', document: 'Note', section: 'A', text: 'The migrant workers convention entered into force once twenty States had ratified the convention.' },
      { id: 'd/a/2', doc: 'd', document: 'Note', section: 'B', text: 'The migrant workers convention entered into force on 1 July 2003.' },
      ...Array.from({ length: 8 }, (_, k) => ({ id: `d/b/${k}`, doc: 'd', document: 'Note', section: 'Other', text: `Harvest report ${k} on rainfall.` })),
    ];
    const reply = answerQuestion('When did the migrant workers convention enter into force?', buildIndex(passages), undefined);
    expect(reply).toMatchObject({ confidence: 'high', text: 'The migrant workers convention entered into force on 1 July 2003.' });
  });

  it('a quote that matches word for word but lacks what the kind needs is the closest passage, never the answer', () => {
    const passages = [
      { id: 'd/a/1', doc: 'd', document: 'Note', section: 'Project', text: 'The labour migration project covers 22 countries in Eastern and Western Africa, with funds from the Commission.' },
      ...Array.from({ length: 8 }, (_, k) => ({ id: `d/b/${k}`, doc: 'd', document: 'Note', section: 'Other', text: `Harvest report ${k} on rainfall.` })),
    ];
    const reply = answerQuestion('Which 22 countries does the labour migration project cover?', buildIndex(passages), undefined);
    expect(reply.confidence).toBe('partial');
    expect(reply.citations[0]!.id).toBe('d/a/1');
    // It says what the quote lacks.
    expect(reply.text).toMatch(/It names no country\./);
  });
});

describe('country names', () => {
  it('finds country names and their aliases, one word or several', () => {
    expect(countriesIn('Hong Kong SAR, Indonesia, Malaysia and the Philippines')).toEqual(['hong kong', 'indonesia', 'malaysia', 'philippines']);
  });

  it('reads abbreviations only in capitals, and a continent is not a country', () => {
    expect(countriesIn('Let us meet the US and UK delegations')).toEqual(['us', 'uk']);
    expect(countriesIn('receiving countries of Europe, North America or the Gulf')).toEqual([]);
  });
});
