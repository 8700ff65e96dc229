import { beforeAll, describe, expect, it } from 'vitest';
import { createCatalog, loadCatalog, type Catalog, type CatalogEntry } from '../../src/catalog/load.js';
import { silentLogger } from '../../src/log.js';
import { SEEDS_DIR, paperParagraphs, paragraph } from './helpers.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog(SEEDS_DIR, silentLogger);
});

const ids = (text: string) => catalog.mentionedIn(text).map((e) => e.id);

describe('mentionedIn over the ILO paper', () => {
  // Each row: a snippet identifying one paragraph, entries it must be tagged with, entries it must not.
  it.each<[string, string[], string[]]>([
    ['renewed promotion of ILO Conventions 97 and 143', ['c097', 'c143', 'imp', 'itc-turin'], ['icrmw']],
    ['ratification of either Convention 97 or 143', ['c097', 'c143', 'migration-survey-2003'], []],
    ['The two ILO Conventions on migration', ['ilo-core-conventions', 'c097', 'c143', 'icrmw'], []],
    ['It is probably true that remittances', ['issue-1', 'ilo-oecd-workshop-2003', 'oecd'], ['migrant']],
    ['Similarly the Social Finance Unit works with MIGRANT', ['decent-work-pilot', 'social-finance-unit', 'migrant'], []],
    ['Given projected demographic trends', ['ilc-2004-plan-of-action', 'ilc-2004'], ['migrant']],
    ['(IMP, IOM, UNCHR, UNHCR, among others)', ['imp', 'iom', 'commission-on-human-rights', 'unhcr', 'ilo-ec-mou-2004', 'european-commission', 'council-of-europe'], []],
    ['online international labour migration (ILM) database', ['ilm-database'], []],
    ['The Special Action Program on Forced Labour (DECL)', ['sap-fl', 'trafficking-kit', 'domestic-workers-project'], []],
    ['at the 2004 ILO Conference also called for', ['ilc-2004-plan-of-action', 'ilc-2004', 'issue-4'], []],
    ['welcomes the decision of the United Nations to hold', ['hld-2006', 'un-general-assembly', 'ilc-2004', 'icpd-1994'], []],
    ['The UN Resolution also recognized', ['migration-survey-2003', 'unga-res-58-208'], ['migrant']],
    ['under GATS Mode 4', ['gats-mode-4', 'hld-2006'], []],
    ['adopted by the 2001 World Conference on Racism', ['durban-declaration', 'hld-2006'], []],
    ['the Geneva Migration Group, the Berne Initiative, and the Global Commission', ['gmg', 'berne-initiative', 'gcim', 'issue-4'], []],
    ['cosponsors the inter-agency International Migration Policy Programme', ['berne-initiative', 'imp', 'iom', 'unfpa', 'unitar', 'gmg'], ['migrant']],
    ['Labour migration and development in West Africa', ['west-africa-project', 'africa-22-project', 'european-commission'], []],
    ['research to measure discrimination in employment', ['discrimination-testing', 'eu-racism-directive', 'european-union', 'europe-integration-project'], []],
  ])('tags the paragraph with "%s"', (snippet, must, mustNot) => {
    const tags = ids(paragraph(snippet));
    expect(tags).toEqual(expect.arrayContaining(must));
    for (const id of mustNot) expect(tags).not.toContain(id);
  });

  it('lists entries in the order the paragraph first mentions them', () => {
    expect(ids(paragraph('The two ILO Conventions on migration'))).toEqual(['ilo-core-conventions', 'c097', 'c143', 'icrmw']);
  });

  it('tags MIGRANT only where the paper names the programme, never for the word "migrant"', () => {
    const namesProgramme = /\bMIGRANT\b|Migration Programme|Migration programme/;
    const paragraphs = paperParagraphs();
    expect(paragraphs.filter((p) => /\bmigrants?\b/i.test(p) && !namesProgramme.test(p)).length).toBeGreaterThan(10);
    for (const p of paragraphs) expect(ids(p).includes('migrant'), p.slice(0, 80)).toBe(namesProgramme.test(p));
  });
});

describe('mentionedIn rules', () => {
  const entry = (id: string, name: string, aliases: string[], kind: CatalogEntry['kind'] = 'convention'): CatalogEntry => ({ kind, id, name, aliases, summary: '', related: [], file: 'test.yaml' });
  const small = createCatalog([
    entry('c097', 'Migration for Employment Convention, 1949 (No. 97)', ['C97', 'Convention No. 97']),
    entry('c143', 'Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143)', ['C143']),
    entry('icrmw', 'International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families', ['ICRMW']),
    entry('migrant', 'ILO International Migration Programme (MIGRANT)', ['MIGRANT'], 'programme'),
    entry('imp', 'International Migration Policy Programme (IMP)', ['IMP'], 'programme'),
    entry('iom', 'International Organization for Migration', ['IOM'], 'organisation'),
    entry('hld', 'High-Level Dialogue', ['HLD'], 'event'),
    entry('gats', 'GATS Mode 4', ['Mode 4']),
  ]);
  const tags = (text: string) => small.mentionedIn(text).map((e) => e.id);

  it('matches names whatever their case, spacing and punctuation', () => {
    expect(tags('at the high level dialogue')).toEqual(['hld']);
    expect(tags('THE HIGH-LEVEL DIALOGUE')).toEqual(['hld']);
    expect(tags('the migrant workers supplementary provisions convention, 1975, no.143')).toEqual(['c143']);
  });

  it('matches whole words only', () => {
    expect(tags('IMPORTANT imports of Mode 45 and C1430')).toEqual([]);
  });

  it('matches an acronym that is also a word only in capitals, and not in shouted text', () => {
    expect(tags('migrant workers and Migrant families')).toEqual([]);
    expect(tags('the unit works with MIGRANT on remittances')).toEqual(['migrant']);
    expect(tags('MIGRANT WORKERS IN EUROPE')).toEqual([]);
    expect(tags('(IMP, IOM, MIGRANT)')).toEqual(['imp', 'iom', 'migrant']);
  });

  it('matches other acronyms in any case, as people type them', () => {
    expect(tags('what does the icrmw say')).toEqual(['icrmw']);
    expect(tags('imp conferences')).toEqual(['imp']);
  });

  it('reads every number in a list of conventions, and only numbers some entry claims', () => {
    expect(tags('ILO Conventions 97 and 143')).toEqual(['c097', 'c143']);
    expect(tags('either Convention 97 or 143')).toEqual(['c097', 'c143']);
    expect(tags('Conventions Nos. 143, 97 and 182')).toEqual(['c143', 'c097']);
    expect(tags('Convention 182')).toEqual([]);
    expect(tags('the Convention, 1975, and 97 others')).toEqual([]);
  });

  it('lists each entry once, in order of first mention', () => {
    expect(tags('C143 first, then C97, then C143 again and ICRMW')).toEqual(['c143', 'c097', 'icrmw']);
  });

  it('finds nothing in an empty catalog', () => {
    expect(createCatalog([]).mentionedIn('ILO Conventions 97 and 143, MIGRANT, ICRMW')).toEqual([]);
  });

  // Passages are tagged at index time, so this runs over the whole corpus: a matcher that looped
  // over the entries with a regex each would be many times slower.
  it('tags 20,000 paragraphs in a few seconds', () => {
    const paragraphs = paperParagraphs().filter((p) => p.length > 200);
    const start = performance.now();
    for (let i = 0; i < 20_000; i++) catalog.mentionedIn(paragraphs[i % paragraphs.length]!);
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});
