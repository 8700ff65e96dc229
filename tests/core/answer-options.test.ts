// Each option added for the three outcomes, wording and derived entries does what it says, on a
// tiny corpus (the defaults are measured by `npm run eval`; these only show each one acts).

import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/search/index.js';
import { answerQuestion, DEFAULT_ANSWER_OPTIONS, rankPassages } from '../../src/answer/ask.js';
import { DEFAULT_DERIVE_OPTIONS, deriveEntries } from '../../src/catalog/derive.js';
import { DEFAULT_SYNONYM_OPTIONS, synonyms } from '../../src/search/wordnet.js';
import type { Passage } from '../../src/corpus/types.js';

const filler: Passage[] = Array.from({ length: 8 }, (_, k) => ({ id: `d/f/${k}`, doc: 'd', document: 'Note', section: 'F', text: `Filler passage number ${k} about harvests.` }));
const corpus = (...texts: string[]): Passage[] => [...texts.map((text, k) => ({ id: `d/p/${k}`, doc: 'd', document: 'Note', section: `P${k}`, text })), ...filler];

describe('answer options', () => {
  it('partialCoverage: how much of the question a closest passage must hold', () => {
    const index = buildIndex(corpus('Recruitment fees are charged to workers by agencies.', 'Seasonal workers pick fruit in the summer.'));
    const q = 'Are recruitment fees charged to seasonal workers in winter?';
    expect(answerQuestion(q, index, undefined, { ...DEFAULT_ANSWER_OPTIONS, minCoverage: 1, partialCoverage: 0.3 }).confidence).toBe('partial');
    expect(answerQuestion(q, index, undefined, { ...DEFAULT_ANSWER_OPTIONS, minCoverage: 1, partialCoverage: 0.99 }).confidence).toBe('none');
  });

  it('highMargin: two nearly level passages make a closest reply', () => {
    const index = buildIndex(corpus('Agencies charge recruitment fees to workers abroad.', 'Agencies charge recruitment fees to workers at home.'));
    const q = 'Do agencies charge recruitment fees to workers?';
    expect(answerQuestion(q, index, undefined, { ...DEFAULT_ANSWER_OPTIONS, highMargin: 1 }).confidence).toBe('high');
    expect(answerQuestion(q, index, undefined, { ...DEFAULT_ANSWER_OPTIONS, highMargin: 2 }).confidence).toBe('partial');
  });

  it('nameShare: the rare names of the question must be in a closest passage, or not (0)', () => {
    const index = buildIndex(corpus('Unemployment rates of migrants are high.', 'Spain hosts many migrants.'));
    const q = 'What is the unemployment rate in Spain?';
    expect(answerQuestion(q, index, undefined, { ...DEFAULT_ANSWER_OPTIONS, minCoverage: 1 }).confidence).toBe('none');
    expect(answerQuestion(q, index, undefined, { ...DEFAULT_ANSWER_OPTIONS, minCoverage: 1, nameShare: 0 }).confidence).toBe('partial');
  });

  it('definitionBonus: for "What is X?" the passage that says what X is comes first', () => {
    const index = buildIndex(corpus('Recruitment fees rose again. Agencies charged recruitment fees of every kind to recruitment candidates.', 'Recruitment fees are payments that workers make to get a job.'));
    const top = (bonus: number) => rankPassages('What are recruitment fees?', index, undefined, { ...DEFAULT_ANSWER_OPTIONS, definitionBonus: bonus }).ranked[0]!.passage.id;
    expect(top(1)).toBe('d/p/0');
    expect(top(DEFAULT_ANSWER_OPTIONS.definitionBonus)).toBe('d/p/1');
  });

  it('definitionBonus also serves "How does … define X?" and "Who counts as X?", and a definition that sets its scope first', () => {
    const index = buildIndex(corpus('Recruitment fees rose again. Agencies charged recruitment fees of every kind to recruitment candidates.', 'Recruitment fees, for the purposes of this text, are payments that workers make to get a job.'));
    for (const q of ['How does the guide define recruitment fees?', 'What counts as recruitment fees?', 'definition of recruitment fees']) {
      const top = (bonus: number) => rankPassages(q, index, undefined, { ...DEFAULT_ANSWER_OPTIONS, definitionBonus: bonus }).ranked[0]!.passage.id;
      expect(top(1), q).toBe('d/p/0');
      expect(top(DEFAULT_ANSWER_OPTIONS.definitionBonus), q).toBe('d/p/1');
    }
  });

  it('rerankRelated: a passage that says a question word in related words ("supervision" for "oversees") is ranked up, and 0 restores the old order', () => {
    // "oversees" is in a passage, so it is no unknown word with synonyms: only the re-ranking can relate it.
    const index = buildIndex(corpus('The committee provides supervision of recruitment agencies.', 'Recruitment agencies are listed in a public register of recruitment agencies.', 'A minister oversees the harvest.'));
    const order = (related: number) => rankPassages('Who oversees recruitment agencies?', index, undefined, { ...DEFAULT_ANSWER_OPTIONS, rerankRelated: related }).ranked.map((r) => r.passage.id);
    expect(order(0).slice(0, 2)).toEqual(['d/p/1', 'd/p/0']);
    expect(order(DEFAULT_ANSWER_OPTIONS.rerankRelated).slice(0, 2)).toEqual(['d/p/0', 'd/p/1']);
    // A word with no related word in the passage changes nothing: "harvest" passages keep their place.
    expect(order(DEFAULT_ANSWER_OPTIONS.rerankRelated).slice(2)).toEqual(order(0).slice(2));
  });

  it('rerankWindow: a passage whose answer runs on into the next sentence beats a sibling with the same words scattered', () => {
    const index = buildIndex(corpus('Donors pay for most of the work of the unit. They finance the seasonal scheme every year. Harvest reports are published each autumn.', 'Donors pay for the work. Reports come out each autumn. They finance the seasonal scheme.'));
    const top = (rerankWindow: boolean) => rankPassages('Which donors finance the seasonal scheme?', index, undefined, { ...DEFAULT_ANSWER_OPTIONS, rerankWindow }).ranked[0]!.passage.id;
    expect(top(false)).toBe('d/p/1');
    expect(top(true)).toBe('d/p/0');
  });

  it('rerankLead: a passage that states the answer in its first sentence comes first', () => {
    const index = buildIndex(corpus('The seasonal scheme is financed by donors. Reports come out each autumn in the capital city.', 'Reports come out each autumn. The seasonal scheme is financed by donors.'));
    const top = (rerankLead: number) => rankPassages('How is the seasonal scheme financed?', index, undefined, { ...DEFAULT_ANSWER_OPTIONS, rerankLead }).ranked[0]!.passage.id;
    expect(top(0)).toBe('d/p/1');
    expect(top(DEFAULT_ANSWER_OPTIONS.rerankLead)).toBe('d/p/0');
  });

  it('synonymEvidence: a word no passage uses, found only through a synonym, is weak evidence for a closest reply', () => {
    const index = buildIndex(corpus('Workers received a package of advice and training.'));
    const q = 'Which workers got the software box?';
    expect(index.parse(q).alternatives?.get('softwar')).toContain('packag');
    // (minCoverage 1: no confident answer, so the question is for a closest reply or none.)
    expect(answerQuestion(q, index, undefined, { ...DEFAULT_ANSWER_OPTIONS, minCoverage: 1, synonymEvidence: 1 }).confidence).toBe('partial');
    expect(answerQuestion(q, index, undefined, { ...DEFAULT_ANSWER_OPTIONS, minCoverage: 1 }).confidence).toBe('none');
  });

  it('unknownWordSpecificity: which words no passage uses count against a closest reply', () => {
    const index = buildIndex(corpus('Recruitment agencies charge fees to migrant workers.'));
    // "submarine" is specific and unknown: with the default it counts, and outnumbers nothing alone…
    const q = 'Do recruitment agencies charge submarine fees?';
    const options = { ...DEFAULT_ANSWER_OPTIONS, minCoverage: 1 };
    expect(answerQuestion(q, index, undefined, options).confidence).toBe('partial');
    // …but two such words against fewer known ones refuse, unless no unknown word is specific enough to count.
    const q2 = 'Do submarine captains charge periscope fees?';
    expect(answerQuestion(q2, index, undefined, { ...options, partialCoverage: 0.1 }).confidence).toBe('none');
    expect(answerQuestion(q2, index, undefined, { ...options, partialCoverage: 0.1, unknownWordSpecificity: 1.1 }).confidence).toBe('partial');
  });

  it('highUnknownSpecificity: a confident answer holds every specific word of the question', () => {
    const index = buildIndex(corpus('The project on recruitment fees in Asia was launched in 2004 with partners.'));
    const q = 'What was the budget of the project on recruitment fees in Asia?';
    expect(answerQuestion(q, index, undefined).confidence).toBe('partial');
    expect(answerQuestion(q, index, undefined, { ...DEFAULT_ANSWER_OPTIONS, highUnknownSpecificity: 1.1 }).confidence).toBe('high');
  });

  it('nameShare also holds a confident answer to the names of the question ("European" holds "Europe")', () => {
    const index = buildIndex(corpus('Discrimination rates against migrant workers reached 35 per cent in the survey.', 'Spain hosts many migrants.', 'Discrimination against migrant workers in European countries was measured by testing.'));
    const options = { ...DEFAULT_ANSWER_OPTIONS, highMargin: 1 };
    const top = (q: string, o = options) => answerQuestion(q, index, undefined, o);
    expect(top('What discrimination rate against migrant workers was found in Spain?').confidence).not.toBe('high');
    expect(top('What discrimination rate against migrant workers was found in Spain?', { ...options, nameShare: 0 }).confidence).toBe('high');
    expect(top('How was discrimination against migrant workers in Europe measured?').citations[0]!.id).toBe('d/p/2');
    expect(top('How was discrimination against migrant workers in Europe measured?').confidence).toBe('high');
    // And the other way round: "Europe" holds "European".
    const europe = buildIndex(corpus('Hardly any receiving countries of Europe have ratified the convention.', 'Spain hosts many migrants.', 'The European Commission funds projects.'));
    expect(answerQuestion('Have European receiving countries ratified the convention?', europe, undefined).confidence).toBe('high');
  });

  it('a product name with capitals inside ("PostgreSQL") is a name no passage uses', () => {
    const index = buildIndex(corpus('The migration database is coordinated with statistical offices.'));
    expect(answerQuestion('database migration to PostgreSQL', index, undefined).confidence).toBe('none');
    expect(answerQuestion('database migration to the cloud', index, undefined).confidence).not.toBe('none');
  });

  it('highMarginMinTerms: short questions need no lead over the runner-up', () => {
    const index = buildIndex(corpus('Circular migration helps families.', 'Circular migration helps employers.'));
    const options = { ...DEFAULT_ANSWER_OPTIONS, highMargin: 2 };
    expect(answerQuestion('circular migration', index, undefined, options).confidence).toBe('high');
    expect(answerQuestion('circular migration', index, undefined, { ...options, highMarginMinTerms: 1 }).confidence).toBe('partial');
  });
});

describe('index options for synonyms', () => {
  const passages = corpus('Seafarers are recruited at ports.', 'Seamanship is taught at sea schools.');

  it('synonymMinSpecificity: everyday synonyms are not used', () => {
    expect(buildIndex(passages).parse('mariners').alternatives?.get('marin')).toEqual(['seafar']);
    expect(buildIndex(passages, { synonymMinSpecificity: 1.1 }).parse('mariners').alternatives?.size).toBe(0);
  });

  it('synonymWeight: how much a synonym counts in the search (0 leaves it out)', () => {
    expect(buildIndex(passages).search(buildIndex(passages).parse('mariners')).map((h) => h.passage.id)).toContain('d/p/0');
    const off = buildIndex(passages, { synonymWeight: 0 });
    expect(off.search(off.parse('mariners')).map((h) => h.passage.id)).not.toContain('d/p/0');
  });

  it('spareEnglishWords: a real word is not corrected to a document word one letter away', () => {
    const index = buildIndex(corpus('Every migrant has the right to protection.'));
    expect(index.parse('What is the speed of light?').terms).not.toContain('right');
    expect(buildIndex(corpus('Every migrant has the right to protection.'), { spareEnglishWords: false }).parse('What is the speed of light?').terms).toContain('right');
    // A typo is still corrected.
    expect(index.parse('migrnt protection').terms).toContain('migrant');
  });

  it('irregularVerbs: "seeking" also finds "sought"', () => {
    const passages = corpus('The Office sought support from other agencies.', 'Agencies seek partners.');
    expect(buildIndex(passages).parse('Who is the Office seeking support from?').alternatives?.get('seek')).toEqual(['sought']);
    expect(buildIndex(passages, { irregularVerbs: false }).parse('Who is the Office seeking support from?').alternatives?.get('seek')).toBeUndefined();
  });

  it('irregularVerbs also joins the plurals of nouns in "-man": "seaman" finds "seamen"', () => {
    const passages = corpus('The instrument does not apply to seamen.', 'Agencies recruit nurses.');
    expect(buildIndex(passages).parse('Is a seaman covered?').alternatives?.get('seaman')).toEqual(['seamen']);
    // A word that only looks like such a plural finds nothing: no passage says "speciman".
    expect(buildIndex(corpus('A specimen contract.')).parse('Is there a specimen contract?').alternatives?.get('specimen')).toBeUndefined();
  });

  it('compounds: "intra corporate" finds "intra-corporate", "extrabudgetary" finds "extra-budgetary"', () => {
    const passages = corpus('Most commitments concern intra-corporate transferees.', 'The unit relies on extra-budgetary funding.', 'Corporate law is national.');
    const top = (q: string, o = {}) => answerQuestion(q, buildIndex(passages, o), undefined).citations[0]?.id;
    expect(top('intra corporate transferees')).toBe('d/p/0');
    expect(buildIndex(passages).parse('intra corporate transferees').terms).toContain('intracorpor');
    expect(top('extrabudgetary funding')).toBe('d/p/1');
    expect(buildIndex(passages).parse('extrabudgetary funding').terms).toEqual(expect.arrayContaining(['extra', 'budgetari']));
    expect(buildIndex(passages, { compounds: false }).parse('intra corporate transferees').terms).not.toContain('intracorpor');
    expect(buildIndex(passages, { compounds: false }).parse('extrabudgetary funding').terms).not.toContain('budgetari');
    // Two words the documents both use stay two.
    expect(buildIndex(passages).parse('corporate law').terms).toEqual(['corpor', 'law']);
  });

  it('compoundNouns: "bank holiday" is a thing of its own, not the "bank" a passage names', () => {
    const index = buildIndex(corpus('The office of the World Bank closed its migration desk in 2004.', 'Recruitment agencies charge fees.'));
    const q = 'Is the office closed on the bank holiday?';
    expect(answerQuestion(q, index, undefined).confidence).toBe('none');
    expect(answerQuestion(q, index, undefined, { ...DEFAULT_ANSWER_OPTIONS, compoundNouns: false }).confidence).not.toBe('none');
    // Both words used by the documents ("field work"): the parts count as usual.
    const field = buildIndex(corpus('Regional offices carry most of the field activities and the work of projects.', 'Recruitment agencies charge fees.'));
    expect(answerQuestion('Who does the field work of projects?', field, undefined).confidence).not.toBe('none');
  });

  it('relatedUnknown: a word no passage uses, said by the passage in a related form ("complain" for "complaints"), is paraphrase', () => {
    const index = buildIndex(corpus('An optional procedure lets individuals complain to the committee of experts.', 'Recruitment agencies charge fees.'));
    const q = 'Is there an individual complaints procedure?';
    const reply = answerQuestion(q, index, undefined);
    expect(reply.confidence).toBe('partial');
    expect(reply.citations[0]?.id).toBe('d/p/0');
    // Still named as a word no passage uses, with the passage's own word for it, and never "high" on its strength.
    expect(reply.unmatched).toEqual(['complaints']);
    expect(reply.text).toMatch(/No passage uses the word "complaints" \(the passage says "complain"\)\./);
    expect(answerQuestion(q, index, undefined, { ...DEFAULT_ANSWER_OPTIONS, relatedUnknown: false }).confidence).toBe('none');
    // Another word of the question is no relative of this one: WordNet relates "labour" to "cause".
    const labour = buildIndex(corpus('Migration is often a response to labour market disequilibrium.', 'Recruitment agencies charge fees.'));
    expect(answerQuestion('Is labour market imbalance a cause of migration?', labour, undefined).text).not.toMatch(/says "labour"/i);
  });

  it('relatedUnknown: a related form most passages hold is no evidence (WordNet relates "drive" to "labour")', () => {
    const q = 'Are farms visited for the files on a drive?';
    const rare = answerQuestion(q, buildIndex(corpus('Labour inspectors visit farms.', 'Recruitment agencies charge fees.')), undefined);
    expect(rare.confidence).toBe('partial');
    expect(rare.text).toMatch(/"drive" \(the passage says "Labour"\)/);
    const everywhere = corpus('Labour inspectors visit farms.', ...Array.from({ length: 8 }, (_, k) => `Labour rule ${k} applies.`));
    const common = answerQuestion(q, buildIndex(everywhere), undefined);
    expect(common.confidence).toBe('none');
    expect(common.text).not.toMatch(/the passage says/);
  });

  it('a name no passage uses keeps the answer at best the closest ("France" in notes that never name it)', () => {
    const index = buildIndex(corpus('Second-generation migrants face high unemployment in host countries.', 'Recruitment agencies charge fees.'));
    expect(answerQuestion('Do second-generation migrants face high unemployment in host countries?', index, undefined).confidence).toBe('high');
    const reply = answerQuestion('Do second-generation migrants face high unemployment in France?', index, undefined);
    expect(reply.confidence).toBe('partial');
    expect(reply.unmatched).toEqual(['France']);
  });

  it('senses: later senses of a word add more synonyms', () => {
    expect(DEFAULT_SYNONYM_OPTIONS.senses).toBe(1);
    expect(synonyms('exclude', { senses: 1 })).not.toContain('keep out');
    expect(synonyms('exclude', { senses: 2 })).toContain('keep out');
  });
});

describe('derive options', () => {
  it('maxSummaryChars: a derived entry quotes the sentence that names it, cut to length', () => {
    const text = 'The Global Migration Group (GMG) brings together the heads of many agencies that work on migration and development every year.';
    const docs = { documents: [{ slug: 'n', title: 'N', file: 'n.md', sections: [], passages: 1, hash: 'x' }], passages: [{ id: 'n/s/1', doc: 'n', document: 'N', section: 'S', text }] };
    expect(deriveEntries(docs)[0]!.summary).toBe(text);
    const short = deriveEntries(docs, { ...DEFAULT_DERIVE_OPTIONS, maxSummaryChars: 40 })[0]!.summary;
    expect(short).toHaveLength(40);
    expect(short.endsWith('…')).toBe(true);
  });
});
