// Catalog entries found in the documents' own text: instrument citations, defined acronyms and
// titles, for documents that no catalog file describes. Catalog files win on any conflict.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import { createCatalog } from '../../src/catalog/catalog.js';
import { DEFAULT_DERIVE_OPTIONS, deriveEntries, withDerivedEntries } from '../../src/catalog/derive.js';
import type { CatalogEntry } from '../../src/catalog/types.js';
import type { Reply } from '../../src/types.js';
import { NOTES_DIR } from '../fixtures/paths.js';

const doc = (slug: string, title: string, text: string) => ({
  documents: [{ slug, title, file: `${slug}.md`, sections: [], passages: 1, hash: 'x' }],
  passages: [{ id: `${slug}/s/1`, doc: slug, document: title, section: 'S', text }],
});

describe('deriveEntries', () => {
  it('reads ILO instrument citations in every common form', () => {
    const entries = deriveEntries(
      doc('n', 'A note', 'The Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143) and the Migration for Employment Convention (Revised), 1949 (No. 97) apply. Convention No. 181 too, and C.189 and C029.'),
    );
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.get('c143')).toMatchObject({ kind: 'convention', name: 'Migrant Workers (Supplementary Provisions) Convention', year: 1975 });
    expect(byId.get('c143')!.aliases).toContain('C143');
    expect(byId.get('c097')).toMatchObject({ name: 'Migration for Employment Convention (Revised)', year: 1949 });
    expect(byId.get('c181')!.name).toBe('Convention No. 181');
    expect(byId.get('c189')!.aliases).toContain('C189');
    expect(byId.get('c029')!.aliases).toContain('C29');
  });

  it('reads acronyms the text defines, and the kind from the words of the name', () => {
    const entries = deriveEntries(doc('n', 'A note', 'The International Migration Policy Programme (IMP) trains officials. The Global Migration Group (GMG) meets yearly. An online labour migration (ILM) database and Wrongly Matched Words (XYZ) do not count.'));
    expect(entries.map((e) => [e.id, e.kind, e.name])).toEqual([
      ['imp', 'programme', 'International Migration Policy Programme'],
      ['gmg', 'organisation', 'Global Migration Group'],
    ]);
  });

  it("lends a document's title to the entry its title names", () => {
    const [entry] = deriveEntries(doc('dw', 'Domestic Workers Convention, 2011 (No. 189)', 'This instrument applies to all domestic workers.'));
    expect(entry).toMatchObject({ id: 'c189', name: 'Domestic Workers Convention', year: 2011 });
    expect(entry!.aliases).toContain('Domestic Workers Convention, 2011 (No. 189)');
  });

  it('finds nothing when its options are off', () => {
    const text = doc('n', 'A note', 'The Global Migration Group (GMG) and Convention No. 97.');
    expect(deriveEntries(text, { ...DEFAULT_DERIVE_OPTIONS, instruments: false, acronyms: false })).toEqual([]);
    expect(deriveEntries(text, { ...DEFAULT_DERIVE_OPTIONS, acronyms: false }).map((e) => e.id)).toEqual(['c097']);
  });
});

describe('withDerivedEntries', () => {
  const yaml: CatalogEntry = { kind: 'convention', id: 'c097', name: 'Migration for Employment Convention, 1949 (No. 97)', aliases: ['C97'], summary: 'From the catalog.', related: [], file: 'catalog.yaml' };

  it('keeps the catalog entry on a clash (same number, name or alias) and adds the rest', () => {
    const derived = deriveEntries(doc('n', 'A note', 'Convention No. 97 and the Global Migration Group (GMG). The ILO (ILO) counts too.'));
    const merged = withDerivedEntries(createCatalog([yaml], ['ILO']), derived);
    expect(merged.find('C97')!.summary).toBe('From the catalog.');
    expect(merged.find('GMG')!.name).toBe('Global Migration Group');
    // A qualifier of the catalog ("ILO") is not made an entry.
    expect(merged.find('ILO')).toBeUndefined();
    expect(merged.qualifiers).toEqual(['ILO']);
  });

  it('replaces the entries derived before on a reload rather than piling them up', () => {
    const first = withDerivedEntries(createCatalog([yaml]), deriveEntries(doc('n', 'A note', 'The Global Migration Group (GMG) meets.')));
    const second = withDerivedEntries(first, deriveEntries(doc('n', 'A note', 'The Fair Recruitment Initiative (FRI) works.')));
    expect(second.entries.map((e) => e.id)).toEqual(['c097', 'fri']);
  });
});

describe('documents with no catalog entry', () => {
  let desk: Desk;
  beforeAll(async () => {
    desk = await openDesk({ seedsDir: NOTES_DIR, dataDir: ':memory:' });
  });
  afterAll(() => desk.close());
  const ask = (text: string): Promise<Reply> => desk.handle({ type: 'message', text, platform: 'test' });

  it('answers "convention", "programme" and "compare" for entries found in the text', async () => {
    const c189 = await ask('convention 189');
    expect(c189).toMatchObject({ kind: 'card', title: 'Domestic Workers Convention' });
    // Every passage of the note titled after it is about it, though none names it.
    expect(c189.citations.map((c) => c.section)).toEqual(expect.arrayContaining(['1. Scope', '3. Recruitment fees']));
    expect((await ask('convention C.181')).title).toBe('Private Employment Agencies Convention');
    expect((await ask('programme FRI')).title).toBe('Fair Recruitment Initiative');
    const compared = await ask('compare C189 and C181');
    expect(compared.kind).toBe('card');
    expect(compared.fields.map((f) => f.name)).toEqual(['Domestic Workers Convention', 'Private Employment Agencies Convention']);
  });

  it('ties "this instrument" to the convention the note is titled after', async () => {
    const reply = await ask('Does C189 cover migrants?');
    expect(reply.confidence).toBe('high');
    expect(reply.citations[0]!.quote).toMatch(/This instrument applies to all domestic workers/);
  });

  it('lists the conventions found in the text', async () => {
    const reply = await ask('Which conventions does the paper mention?');
    expect(reply.fields.map((f) => f.name)).toEqual(['Domestic Workers Convention (2011)', 'Private Employment Agencies Convention (1997)']);
  });

  it('finds entries in a document added to a folder that has a catalog, without touching the catalog', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-'));
    try {
      fs.copyFileSync(path.join(NOTES_DIR, 'recruitment-note.md'), path.join(dir, 'note.md'));
      fs.writeFileSync(path.join(dir, 'catalog.yaml'), 'entries:\n  - kind: programme\n    id: fri\n    name: Fair Recruitment Initiative\n    aliases: [FRI]\n    summary: The catalog says so.\n');
      const d = await openDesk({ seedsDir: dir, dataDir: ':memory:' });
      try {
        expect((await d.handle({ type: 'message', text: 'programme FRI', platform: 'test' })).text).toBe('The catalog says so.');
        expect((await d.handle({ type: 'message', text: 'convention 181', platform: 'test' })).title).toBe('Private Employment Agencies Convention');
      } finally {
        d.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
