import { describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog } from '../../src/catalog/load.js';
import { silentLogger } from '../../src/log.js';
import { seedsWith } from './helpers.js';

const entry = (fields: string) => `entries:\n${fields}`;

const C143 = `  - kind: convention
    id: c143
    name: Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143)
    aliases: [C143, Supplementary Provisions Convention]
    year: 1975
    summary: The second ILO Convention on migration.
`;

/** Loads a folder that must be rejected, and returns what the bot would print. */
async function problemsOf(dir: string): Promise<{ message: string; problems: readonly string[] }> {
  const err = await loadCatalog(dir, silentLogger).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CatalogError);
  const { message, problems } = err as CatalogError;
  return { message, problems };
}

describe('loadCatalog: what it reads', () => {
  it('gives an empty catalog when the seeds folder has no catalog files', async () => {
    const dir = seedsWith({ 'paper.md': '# A paper\n\nText about C143.\n' });
    const catalog = await loadCatalog(dir, silentLogger);
    expect(catalog.entries).toEqual([]);
    expect(catalog.find('C143')).toBeUndefined();
    expect(catalog.mentionedIn('Text about C143.')).toEqual([]);
    expect(catalog.nearest('C143', 3)).toEqual([]);
  });

  it('gives an empty catalog when the seeds folder does not exist', async () => {
    const catalog = await loadCatalog(seedsWith({}) + '/missing', silentLogger);
    expect(catalog.entries).toEqual([]);
  });

  it('accepts a file that holds only comments', async () => {
    const catalog = await loadCatalog(seedsWith({ 'catalog.yaml': '# to be filled in\n' }), silentLogger);
    expect(catalog.entries).toEqual([]);
  });

  it('merges every .yaml and .yml file, at any depth, and relates entries across files', async () => {
    const dir = seedsWith({
      'catalog.yaml': entry(C143),
      'team-b/more/extra.yml': entry(`  - kind: programme
    id: migrant
    name: ILO International Migration Programme (MIGRANT)
    aliases: [MIGRANT]
    summary: The ILO's migration programme.
    related: [c143]
`),
      'team-b/notes.txt': 'entries: not a catalog file',
    });
    const catalog = await loadCatalog(dir, silentLogger);
    expect(catalog.entries.map((e) => e.id)).toEqual(['c143', 'migrant']);
    expect(catalog.get('migrant')).toMatchObject({ kind: 'programme', related: ['c143'], file: 'team-b/more/extra.yml' });
    expect(catalog.get('c143')).toMatchObject({ year: 1975, aliases: ['C143', 'Supplementary Provisions Convention'], file: 'catalog.yaml' });
    expect(catalog.get('migrant')?.year).toBeUndefined();
  });

  it('skips hidden folders', async () => {
    const dir = seedsWith({ 'catalog.yaml': entry(C143), '.cache/old.yaml': entry(C143) });
    const catalog = await loadCatalog(dir, silentLogger);
    expect(catalog.entries.map((e) => e.id)).toEqual(['c143']);
  });
});

describe('loadCatalog: validation', () => {
  it('names the file and line of a YAML syntax error', async () => {
    const dir = seedsWith({ 'bad.yaml': 'entries:\n  - kind: convention\n    id: c1\n    name: [unclosed\n    summary: x\n' });
    const { message } = await problemsOf(dir);
    expect(message).toMatch(/bad\.yaml line \d+: YAML syntax error/);
  });

  it('names the file, the entry and the field of an unknown related id', async () => {
    const dir = seedsWith({ 'catalog.yaml': entry(C143.replace('    year: 1975\n', '    year: 1975\n    related: [c097]\n')) });
    const { problems } = await problemsOf(dir);
    expect(problems).toEqual(['catalog.yaml entry #1 "c143" (line 2): field "related[0]": unknown id "c097"']);
  });

  it('rejects an alias that two entries share once case, spacing and number style are ignored', async () => {
    const dir = seedsWith({
      'a.yaml': entry(C143),
      'b.yaml': entry(`  - kind: convention
    id: supplementary
    name: Supplementary convention
    aliases: [convention no. 143]
    summary: Same thing under another id.
`),
    });
    const { problems } = await problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('b.yaml entry #1 "supplementary" (line 2): field "aliases[0]"');
    expect(problems[0]).toContain('a.yaml entry #1 "c143"');
  });

  it('rejects a duplicate id, naming both places', async () => {
    const dir = seedsWith({ 'a.yaml': entry(C143), 'b.yaml': entry('  - kind: programme\n    id: c143\n    name: Another name\n    summary: x\n') });
    const { problems } = await problemsOf(dir);
    expect(problems).toEqual([expect.stringMatching(/^b\.yaml entry #1 "c143" \(line 2\): field "id": duplicate id "c143" \(already used by a\.yaml entry #1/)]);
  });

  it('rejects a missing field', async () => {
    const { problems } = await problemsOf(seedsWith({ 'catalog.yaml': entry(C143.replace(/ {4}summary: .*\n/, '')) }));
    expect(problems).toEqual(['catalog.yaml entry #1 "c143" (line 2): field "summary": missing']);
  });

  it('rejects an unknown kind', async () => {
    const { problems } = await problemsOf(seedsWith({ 'catalog.yaml': entry(C143.replace('kind: convention', 'kind: conventon')) }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/catalog\.yaml entry #1 "c143" \(line 2\): field "kind": unknown kind "conventon"/);
  });

  it('rejects a bad id, a misspelt field and wrongly typed values', async () => {
    const dir = seedsWith({
      'catalog.yaml': entry(`  - kind: convention
    id: C 143
    name: Convention 143
    summary: x
  - kind: convention
    id: c97
    name: Convention 97
    alias: [C97]
    summary: x
  - kind: event
    id: hld
    name: High-Level Dialogue
    aliases: HLD
    year: "2006"
    summary: x
  - kind: convention
    id: c97-1949
    name: The 1949 convention
    aliases: [1949]
    summary: x
`),
    });
    const { problems } = await problemsOf(dir);
    expect(problems).toEqual([
      expect.stringMatching(/entry #1 "C 143" \(line 2\): field "id": "C 143" must be lowercase/),
      expect.stringMatching(/entry #2 "c97" \(line 6\): field "alias": unknown field/),
      expect.stringMatching(/entry #3 "hld" \(line 11\): field "aliases": must be a list/),
      expect.stringMatching(/entry #3 "hld" \(line 11\): field "year": must be a four-digit year/),
      expect.stringMatching(/entry #4 "c97-1949" \(line 17\): field "aliases\[0\]": must be text, got number 1949 \(put it in quotes\)/),
    ]);
  });

  it('reports the problems of every file together, in one error', async () => {
    const dir = seedsWith({
      'a.yaml': entry(C143.replace(/ {4}summary: .*\n/, '')),
      'b.yaml': 'entries:\n  - kind: convention\n    id: c1\n    name: [unclosed\n',
      'c.yaml': 'entries: []\nversion: 2\n',
    });
    const { message, problems } = await problemsOf(dir);
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(message).toMatch(/^\d+ catalog problems:/);
    for (const file of ['a.yaml', 'b.yaml', 'c.yaml']) expect(message).toContain(`- ${file}`);
  });
});
