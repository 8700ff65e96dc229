import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog, type EntryKind } from '../../src/catalog/load.js';
import { silentLogger } from '../../src/log.js';
import { PAPER_FILE, SEEDS_DIR, paperParagraphs } from './helpers.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog(SEEDS_DIR, silentLogger);
});

describe('the bundled catalog.yaml (its copy in tests/fixtures/ilo)', () => {
  // Everything the ILO paper talks about that a policy officer may ask after, by the name they would use.
  it.each<[string, string, EntryKind]>([
    ['Migration for Employment Convention', 'c097', 'convention'],
    ['Migrant Workers (Supplementary Provisions) Convention', 'c143', 'convention'],
    ['International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families', 'icrmw', 'convention'],
    ['ILO core conventions', 'ilo-core-conventions', 'convention'],
    ['GATS Mode 4', 'gats-mode-4', 'convention'],
    ['Durban Declaration and Programme of Action', 'durban-declaration', 'convention'],
    ['resolution 58/208', 'unga-res-58-208', 'convention'],
    ['EU Directive on racism', 'eu-racism-directive', 'convention'],
    ['MIGRANT', 'migrant', 'programme'],
    ['International Labour Migration Database', 'ilm-database', 'programme'],
    ['Decent Work Pilot Programmes', 'decent-work-pilot', 'programme'],
    ['Social Finance Unit', 'social-finance-unit', 'organisation'],
    ['Bureau of Workers', 'bureau-of-workers', 'organisation'],
    ['Standards Department', 'standards-department', 'organisation'],
    ['International Migration Policy Programme', 'imp', 'programme'],
    ['Geneva Migration Group', 'gmg', 'organisation'],
    ['Berne Initiative', 'berne-initiative', 'programme'],
    ['Global Commission on International Migration', 'gcim', 'organisation'],
    ['International Training Centre', 'itc-turin', 'organisation'],
    ['Labour migration and development in West Africa', 'west-africa-project', 'programme'],
    ['22-country Africa project', 'africa-22-project', 'programme'],
    ['Information Guide on Women Migrant Workers', 'women-migrant-workers-guide', 'programme'],
    ['anti-discrimination compendium', 'anti-discrimination-compendium', 'programme'],
    ['discrimination testing', 'discrimination-testing', 'programme'],
    ['Special Action Programme on Forced Labour', 'sap-fl', 'programme'],
    ['trafficking kit', 'trafficking-kit', 'programme'],
    ['domestic workers project', 'domestic-workers-project', 'programme'],
    ['key issue 1', 'issue-1', 'issue'],
    ['equitable sharing', 'issue-1', 'issue'],
    ['key issue 2', 'issue-2', 'issue'],
    ['orderly migration', 'issue-2', 'issue'],
    ['issue 3', 'issue-3', 'issue'],
    ['protection and integration', 'issue-3', 'issue'],
    ['issue 4', 'issue-4', 'issue'],
    ['multilateral framework', 'issue-4', 'issue'],
    ['2006 High-Level Dialogue', 'hld-2006', 'event'],
    ['2004 International Labour Conference', 'ilc-2004', 'event'],
    ['Plan of Action', 'ilc-2004-plan-of-action', 'convention'],
    ['World Commission on the Social Dimension of Globalization', 'wcsdg', 'organisation'],
    ['IOM', 'iom', 'organisation'],
    ['UNFPA', 'unfpa', 'organisation'],
    ['UNITAR', 'unitar', 'organisation'],
    ['European Commission', 'european-commission', 'organisation'],
    ['OECD', 'oecd', 'organisation'],
  ])('has "%s" (%s, a %s)', (name, id, kind) => {
    expect(catalog.find(name)).toMatchObject({ id, kind });
  });

  it.each<[string, string]>([
    ['ICRMW', 'icrmw'],
    ['UN Migrant Workers Convention', 'icrmw'],
    ['1990 convention', 'icrmw'],
    ['1949 convention', 'c097'],
    ['1975 convention', 'c143'],
    ['C97', 'c097'],
    ['C097', 'c097'],
    ['HLD', 'hld-2006'],
    ['ILC', 'ilc-2004'],
    ['GCIM', 'gcim'],
    ['IMP', 'imp'],
    ['GMG', 'gmg'],
    ['DECL', 'sap-fl'],
    ['ITC', 'itc-turin'],
    ['ILM database', 'ilm-database'],
  ])('knows the abbreviation "%s"', (alias, id) => {
    expect(catalog.find(alias)?.id).toBe(id);
  });

  // Every entry must be findable in the paper by the words the catalog gives it; an entry the
  // paper never names would be a name nobody can search for, or one the paper does not support.
  it('has no entry the ILO paper never mentions', () => {
    const mentioned = new Set(paperParagraphs().flatMap((p) => catalog.mentionedIn(p).map((e) => e.id)));
    const seedEntries = catalog.entries.filter((e) => e.file === 'catalog.yaml');
    expect(seedEntries.filter((e) => !mentioned.has(e.id)).map((e) => e.id)).toEqual([]);
  });

  it('gives only years that the paper states next to the entry or a related one', () => {
    const paragraphs = paperParagraphs().map((p) => ({ text: p, tags: catalog.mentionedIn(p).map((e) => e.id) }));
    const unsupported = catalog.entries
      .filter((e) => e.file === 'catalog.yaml' && e.year !== undefined)
      .filter((e) => !paragraphs.some((p) => p.text.includes(String(e.year)) && [e.id, ...e.related].some((id) => p.tags.includes(id))))
      .map((e) => `${e.id} ${e.year}`);
    expect(unsupported).toEqual([]);
  });

  it('writes summaries as single lines', () => {
    for (const e of catalog.entries) expect(e.summary, e.id).not.toMatch(/\n/);
  });

  it('is read from the same folder as the paper', () => {
    expect(readFileSync(PAPER_FILE, 'utf8')).toContain('High-Level Dialogue');
    expect(SEEDS_DIR).toMatch(/fixtures[\\/]ilo$/);
  });
});
