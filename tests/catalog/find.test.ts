import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../src/catalog/load.js';
import { silentLogger } from '../../src/log.js';
import { SEEDS_DIR } from './helpers.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog(SEEDS_DIR, silentLogger);
});

describe('find', () => {
  it.each([
    'C143',
    'c143',
    'C 143',
    'C0143',
    'convention 143',
    'Convention No. 143',
    'convention no 143',
    'No. 143',
    'No.143',
    'ILO Convention No 143',
    'Supplementary Provisions convention',
    'the Migrant Workers (Supplementary Provisions) Convention',
    'the 1975 convention',
  ])('finds C143 as "%s"', (name) => {
    expect(catalog.find(name)?.id).toBe('c143');
  });

  it.each([
    ['ICRMW', 'icrmw'],
    ['icrmw', 'icrmw'],
    ['UN Migrant Workers Convention', 'icrmw'],
    ['the 1990 convention', 'icrmw'],
    // A convention is also called a treaty.
    ['the 1990 treaty', 'icrmw'],
    ['UN treaty on migrant workers', 'icrmw'],
    ['the 1949 convention', 'c097'],
    ['C97', 'c097'],
    ['C097', 'c097'],
    ['MIGRANT', 'migrant'],
    ['the MIGRANT programme', 'migrant'],
    ['HLD', 'hld-2006'],
    ['high level dialogue', 'hld-2006'],
    ['ILC', 'ilc-2004'],
    ['GCIM', 'gcim'],
    ['IMP', 'imp'],
    ['GMG', 'gmg'],
    ['DECL', 'sap-fl'],
    ['Special Action Program on Forced Labor', 'sap-fl'],
    ['ITC', 'itc-turin'],
    ['ILM database', 'ilm-database'],
    ['issue 3', 'issue-3'],
    ['Key Issue 1', 'issue-1'],
    ['orderly migration', 'issue-2'],
    ['World Commission on the Social Dimensions of Globalisation', 'wcsdg'],
    ['berne-initiative', 'berne-initiative'],
  ])('finds "%s" as %s', (name, id) => {
    expect(catalog.find(name)?.id).toBe(id);
  });

  it('restricts to the kinds asked for', () => {
    expect(catalog.find('C143', ['convention'])?.id).toBe('c143');
    expect(catalog.find('C143', ['programme', 'organisation'])).toBeUndefined();
    expect(catalog.find('MIGRANT', ['programme', 'organisation'])?.id).toBe('migrant');
    expect(catalog.find('issue 2', ['issue'])?.id).toBe('issue-2');
  });

  it('does not guess at names it does not know', () => {
    expect(catalog.find('Convention 182')).toBeUndefined();
    expect(catalog.find('Berne Intiative')).toBeUndefined();
    expect(catalog.find('')).toBeUndefined();
    expect(catalog.find('?!')).toBeUndefined();
  });
});

describe('nearest', () => {
  it('suggests the entry a misspelt name was meant to be, first', () => {
    expect(catalog.nearest('Berne Intiative', 3)[0]?.id).toBe('berne-initiative');
    expect(catalog.nearest('Geneva Migraton Group', 3)[0]?.id).toBe('gmg');
    expect(catalog.nearest('ICRMV', 3)[0]?.id).toBe('icrmw');
  });

  it('suggests an entry from part of its name', () => {
    expect(catalog.nearest('Berne', 3)[0]?.id).toBe('berne-initiative');
  });

  it('respects the limit and the kinds', () => {
    expect(catalog.nearest('convention 134', 2)).toHaveLength(2);
    expect(catalog.nearest('Berne Intiative', 3, ['convention']).map((e) => e.id)).not.toContain('berne-initiative');
  });

  it('suggests nothing for a name like none in the catalog', () => {
    expect(catalog.nearest('xyzzy plugh', 3)).toEqual([]);
  });
});
