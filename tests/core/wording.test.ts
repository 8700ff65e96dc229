// The same question in other words gets the same passage: stray tokens, number words, British
// and American spelling, hyphenated and split forms, plurals and verb forms, and synonyms.

import { describe, expect, it } from 'vitest';
import { terms, tokenize } from '../../src/search/text.js';
import { buildIndex, DEFAULT_INDEX_OPTIONS } from '../../src/search/index.js';
import { synonyms } from '../../src/search/wordnet.js';
import { answerQuestion, rankPassages } from '../../src/answer/ask.js';
import { ask, useTwoDesks } from './two-desks.js';

const desks = useTwoDesks();

describe('wording', () => {
  it.each([
    'What does GATS Mode 4 cover? (0)',
    'What does GATS Mode four cover?',
    'Please, what does GATS Mode 4 cover? Thanks',
    'hi, what does GATS mode 4 cover? cheers',
  ])('answers %j like "What does GATS Mode 4 cover?"', async (question) => {
    const plain = await ask(desks.ilo, 'What does GATS Mode 4 cover?');
    const reply = await ask(desks.ilo, question);
    expect(reply.confidence).toBe('high');
    expect(reply.citations[0]!.id).toBe(plain.citations[0]!.id);
    expect(reply.unmatched).toEqual([]);
  });

  it('meets British and American spellings', () => {
    expect(terms('labor organization program center analyze')).toEqual(terms('labour organisation programme centre analyse'));
    // A word only ever spelt -ise keeps its family together: "supervise" is "supervision", not "superv".
    expect(terms('supervise supervised')).toEqual(terms('supervision'));
    expect(terms('promised exercise revising')).toEqual(terms('promise exercising revision'));
    expect(terms('mobilizing')).toEqual(terms('mobilising'));
  });

  it('treats "co-operation" and "cooperation" as one word, and "second-generation" as "second generation"', async () => {
    expect(terms('co-operation')).toEqual(terms('cooperation'));
    expect(tokenize('second-generation')).toEqual(['second', 'generation']);
    const joined = await ask(desks.notes, 'How does cooperation between countries help?');
    expect(joined.citations[0]!.section).toBe('B. Instruments › 2. Co-operation between countries');
    const split = await ask(desks.notes, 'second generation migrants');
    expect(split.citations[0]!.quote).toMatch(/second-generation migrants/);
  });

  it('reads number words as digits, both ways', async () => {
    expect(terms('four key issues')).toEqual(terms('4 key issues'));
    const reply = await ask(desks.notes, 'How many pilot projects were there? Was it 4?');
    expect(reply.citations[0]!.quote).toMatch(/^Four regional pilot projects/);
  });

  it('reads numbers of several words as digits: years, compounds, ordinals and scales', () => {
    expect(terms('nineteen forty-nine')).toEqual(terms('1949'));
    expect(terms('the nineteen ninety convention')).toEqual(terms('the 1990 convention'));
    expect(terms('two thousand and four')).toEqual(terms('2004'));
    expect(terms('ninety-second session')).toEqual(terms('92nd session'));
    expect(terms('Sixty-first session')).toEqual(terms('61st session'));
    expect(terms('the twentieth State')).toEqual(terms('the 20th State'));
    expect(terms('eighty-six million migrants')).toEqual(terms('86 million migrants'));
    expect(terms('Ninety-three countries')).toEqual(terms('93 countries'));
    // A lone ordinal meets its digits both ways: "the fourth key issue" is "the 4th key issue".
    expect(terms('the fourth key issue')).toEqual(terms('the 4th key issue'));
    expect(terms('the second approach, one by one')).toEqual(terms('the 2nd approach, 1 by 1'));
    expect(terms('the eleventh hour')).toEqual(terms('the 11th hour'));
  });

  it('names a catalog entry by a year in words: "the nineteen forty-nine convention" is the 1949 convention (C97)', async () => {
    const index = desks.ilo.library().index;
    const catalog = desks.ilo.library().catalog;
    expect(index.parse('nineteen forty-nine convention').entities).toEqual(index.parse('1949 convention').entities);
    expect(index.parse('nineteen forty-nine convention').entities).toContain(catalog.find('C97')!.id);
    const reply = await ask(desks.ilo, 'nineteen forty-nine convention');
    expect(reply.citations[0]!.quote).toMatch(/Migration for Employment Convention of 1949/);
  });

  it('matches plurals and other forms of a verb', async () => {
    expect(terms('ratified ratifying ratify')).toEqual(terms('ratification'));
    const reply = await ask(desks.notes, 'Are domestic workers charged a fee by the agency?');
    expect(reply.citations[0]!.section).toBe('3. Recruitment fees');
  });

  it('finds a passage by a synonym of a word it never uses ("seamen" for "seafarers", "excluded" for "leaves out")', async () => {
    expect(synonyms('seamen')).toContain('seafarer');
    expect(synonyms('excluded')).toContain('leave out');
    const seamen = await ask(desks.notes, 'Which initiative works with seamen on recruitment?');
    expect(seamen.citations[0]!.quote).toMatch(/seafarers' unions/);
    expect(seamen.unmatched).toEqual([]);
    const excluded = await ask(desks.notes, 'Which domestic workers are excluded?');
    expect(excluded.citations.map((c) => c.quote).join(' ')).toMatch(/leaves out people who do domestic work only occasionally/);
  });

  it('finds a synonym in its irregular forms ("excluded" finds "left out", by "leave out")', async () => {
    const passages = [
      { id: 'd/a/1', doc: 'd', document: 'N', section: 'A', text: 'Casual workers are left out of the scheme on purpose.' },
      ...Array.from({ length: 6 }, (_, k) => ({ id: `d/b/${k}`, doc: 'd', document: 'N', section: 'B', text: `The scheme pays benefit ${k} to workers at harvests.` })),
    ];
    const index = buildIndex(passages);
    expect(index.parse('Which workers are excluded from the scheme?').alternatives?.get('exclud')).toContain('left');
    expect(index.search(index.parse('Which workers are excluded from the scheme?'))[0]!.passage.id).toBe('d/a/1');
    expect(buildIndex(passages, { irregularVerbs: false }).parse('excluded').alternatives?.get('exclud') ?? []).not.toContain('left');
  });

  it('finds the countries of a continent the question names ("Asia": Indonesia, Malaysia)', () => {
    const passages = [
      { id: 'd/a/1', doc: 'd', document: 'N', section: 'A', text: 'A project freed trafficking victims in Indonesia and Malaysia.' },
      { id: 'd/a/2', doc: 'd', document: 'N', section: 'A', text: 'Trafficking is a grave crime wherever it happens, in Asia as elsewhere.' },
      ...Array.from({ length: 6 }, (_, k) => ({ id: `d/b/${k}`, doc: 'd', document: 'N', section: 'B', text: `Harvest report ${k} from the valley.` })),
    ];
    const index = buildIndex(passages);
    expect(index.parse('trafficking victims freed in Asia').alternatives?.get('asia')).toEqual(expect.arrayContaining(['indonesia', 'malaysia']));
    const reply = answerQuestion('Which trafficking victims were freed in Asia?', index, undefined);
    expect(reply.citations[0]!.id).toBe('d/a/1');
    expect(reply.confidence).not.toBe('none');
    expect(buildIndex(passages, { regions: false }).parse('trafficking in Asia').alternatives?.get('asia')).toBeUndefined();
  });

  it('finds the antonym that is the word without its negating prefix ("irregular" finds "regular"), not other antonyms', () => {
    const passages = [
      { id: 'd/a/1', doc: 'd', document: 'N', section: 'A', text: 'Joining a union is reserved for workers in a regular situation.' },
      { id: 'd/a/2', doc: 'd', document: 'N', section: 'A', text: 'A union may be joined by any worker who pays the fee.' },
      ...Array.from({ length: 6 }, (_, k) => ({ id: `d/b/${k}`, doc: 'd', document: 'N', section: 'B', text: `Harvest report ${k} from the valley.` })),
    ];
    const question = 'Can irregular workers join a union?';
    expect(buildIndex(passages).parse(question).alternatives?.get('irregular')).toEqual(['regular']);
    expect(rankPassages(question, buildIndex(passages), undefined).ranked[0]!.passage.id).toBe('d/a/1');
    expect(buildIndex(passages, { antonyms: false }).parse(question).alternatives?.get('irregular')).toBeUndefined();
    // "information" is not "in" + "formation", and "large" does not search "small".
    const noisy = buildIndex([...passages, { id: 'd/c/1', doc: 'd', document: 'N', section: 'C', text: 'Small formation of rock.' }]);
    expect(noisy.parse('information').alternatives?.get('inform')).toBeUndefined();
    expect(noisy.parse('large').alternatives?.get('larg')).toBeUndefined();
  });

  it('can switch synonyms and stray-number dropping off (options with defaults)', () => {
    const passages = [
      { id: 'd/a/1', doc: 'd', document: 'N', section: 'A', text: 'Seafarers are recruited at ports.' },
      ...Array.from({ length: 6 }, (_, k) => ({ id: `d/b/${k}`, doc: 'd', document: 'N', section: 'B', text: `Unrelated passage ${k} about harvests.` })),
    ];
    expect(DEFAULT_INDEX_OPTIONS.synonyms).toBe(true);
    expect(buildIndex(passages).parse('seamen').alternatives?.get('seamen')).toEqual(['seafar']);
    expect(buildIndex(passages, { synonyms: false }).parse('seamen').alternatives?.size).toBe(0);
    expect(buildIndex(passages).parse('seafarers (42)').terms).toEqual(['seafar']);
    expect(buildIndex(passages, { dropStrayNumbers: false }).parse('seafarers (42)').terms).toEqual(['seafar', '42']);
  });
});
