// The mention finder reads only the words a name could start at (by their first characters);
// reading every word must give exactly the same tags. Inputs chosen where a shortcut could slip:
// overlapping names, word bounds, case, accents, plurals and -ise/-ize, numbers with leading zeros.

import { beforeAll, describe, expect, it } from 'vitest';
import { createCatalog, loadCatalog, type Catalog, type CatalogEntry } from '../../src/catalog/load.js';
import { compileMentions } from '../../src/catalog/match.js';
import { deriveEntries, withDerivedEntries } from '../../src/catalog/derive.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { silentLogger } from '../../src/log.js';
import { seededRandom } from '../../src/random.js';
import { SEEDS_DIR, paperParagraphs } from './helpers.js';

const entry = (id: string, name: string, aliases: string[], kind: CatalogEntry['kind'] = 'programme'): CatalogEntry => ({ kind, id, name, aliases, summary: '', related: [], file: 'test.yaml' });

const tricky = [
  entry('c097', 'Migration for Employment Convention, 1949 (No. 97)', ['C097', 'Convention No. 97'], 'convention'),
  entry('c143', 'Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143)', ['C143'], 'convention'),
  entry('mw', 'Migrant Workers', ['migrant labour']),
  entry('migrant', 'ILO International Migration Programme (MIGRANT)', ['MIGRANT']),
  entry('rising', 'Rising Tide Initiative', ['Rising Tide']),
  entry('isation', 'Isation Project', ['ISP']),
  entry('org', 'International Organisation for Migration', ['IOM']),
  entry('aero', 'Ærø Network', ['Æ-net']),
  entry('emig', 'Émigration Observatory', ['EO']),
  entry('res', '58/208 Follow-up', ['Resolution 58/208']),
  entry('c', 'C', ['Programme C']),
  entry('centre', 'Migration Centre', ['MC']),
  entry('un', 'UN', ['United Nations']),
];

const inputs = [
  'Migrant Workers Convention, 1975 (No. 143) and migrant workers, and MIGRANT WORKERS in capitals',
  'the MIGRANT programme, MIGRANT, migrant, Migrant; (IMP, IOM, MIGRANT)',
  'rising tides, RIZING TIDE, Rizing Tide, the Rising Tide initiative; isation projects, Ization Project',
  'International Organization for Migration, international organisations for migration, IOM',
  'ÆRØ NETWORK, ærø network, Aero Network, Æ-net, the Emigration Observatory, ÉMIGRATION OBSERVATORY, emigration observatories',
  'C097, C 97, C.097, c0097, C97x, C1430, Convention No. 97, Convention Nos. 97 and 143, Conventions 097 or 0143, No.143, No. 143',
  '58/208 follow-up, resolution 58 / 208, 58208, 058/0208 Follow-Ups',
  'Programme C, program c, programmes C, C, c, the Migration Center, migration centres, MC',
  'UN, un, the United Nations, UNITED NATIONS, Un',
  'Migrant\u00a0Workers\u2019 rights, Migrant\u2014Workers, Migrant\tWorkers, Migrant\u200bWorkers, Migrant-Workers',
  'ｍｉｇｒａｎｔ ｗｏｒｋｅｒｓ (full width), ﬁle, Ｃ１４３, 𝐂143, 😀 C143 😀',
  '',
  '   ,;. ',
];

function check(catalogEntries: readonly CatalogEntry[], texts: readonly string[]) {
  const fast = compileMentions(catalogEntries);
  const every = compileMentions(catalogEntries, { everyWord: true });
  for (const text of texts) expect(fast(text).map((e) => e.id), text.slice(0, 80)).toEqual(every(text).map((e) => e.id));
}

describe('the mention finder, reading only the words a name could start at', () => {
  it('tags tricky inputs exactly as reading every word does', () => {
    check(tricky, inputs);
    // And the inputs do exercise the entries: most are found somewhere.
    const found = new Set(inputs.flatMap((t) => compileMentions(tricky, { everyWord: true })(t).map((e) => e.id)));
    expect(found.size).toBeGreaterThanOrEqual(tricky.length - 1);
  });

  it('tags random mixes of the names\' words, in any case, plural and spelling, alike', () => {
    const rand = seededRandom(15);
    const pool = tricky.flatMap((e) => [e.name, ...e.aliases]).join(' ').split(/\s+/);
    const vary = (w: string) => {
      const r = rand();
      if (r < 0.15) return w.toUpperCase();
      if (r < 0.3) return w.toLowerCase();
      if (r < 0.4) return `${w}s`;
      if (r < 0.5) return w.replace(/is/g, 'iz').replace(/iz/g, 'is');
      if (r < 0.55) return w.normalize('NFD');
      if (r < 0.6) return `0${w}`;
      return w;
    };
    const texts = Array.from({ length: 2_000 }, () => Array.from({ length: 4 + Math.floor(rand() * 12) }, () => vary(pool[Math.floor(rand() * pool.length)]!)).join(rand() < 0.5 ? ' ' : ', '));
    check(tricky, texts);
  });

  describe('over the ILO paper and its catalog', () => {
    let catalog: Catalog;
    beforeAll(async () => {
      const corpus = await loadCorpus(SEEDS_DIR, silentLogger);
      catalog = withDerivedEntries(await loadCatalog(SEEDS_DIR, silentLogger), deriveEntries(corpus));
    });

    it('tags every paragraph as reading every word does', () => {
      const paragraphs = paperParagraphs();
      check(catalog.entries, paragraphs);
      expect(paragraphs.filter((p) => catalog.mentionedIn(p).length > 0).length).toBeGreaterThan(20);
    });
  });

  it('keeps no trace of one text in the next', () => {
    const find = createCatalog(tricky).mentionedIn;
    expect(find('Migrant Workers and C143').map((e) => e.id)).toEqual(['mw', 'c143']);
    expect(find('C').map((e) => e.id)).toEqual(['c']);
    expect(find('workers').map((e) => e.id)).toEqual([]);
  });
});
