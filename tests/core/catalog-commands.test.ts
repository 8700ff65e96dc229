import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import { ILO_DIR } from '../fixtures/paths.js';

let desk: Desk;
beforeAll(async () => {
  desk = await openDesk({ seedsDir: ILO_DIR, dataDir: ':memory:' });
});
afterAll(() => desk.close());
const ask = (text: string) => desk.handle({ type: 'message', text, platform: 'test' });

describe('catalog commands', () => {
  it.each(['convention 143', 'convention C143', 'convention No. 143', 'convention Supplementary Provisions convention'])('"%s" gives the card of Convention No. 143', async (text) => {
    const card = await ask(text);
    expect(card.kind).toBe('card');
    expect(card.title).toMatch(/Supplementary Provisions.*1975.*No\. 143/);
    expect(card.fields).toContainEqual({ name: 'Year', value: '1975' });
    expect(card.citations.length).toBeGreaterThan(0);
    for (const c of card.citations) {
      expect(c.passage).toContain(c.quote);
      expect(c.passage).toMatch(/143/);
    }
  });

  it('programme MIGRANT lists the passages that name the programme, best first', async () => {
    const card = await ask('programme MIGRANT');
    expect(card.kind).toBe('card');
    expect(card.citations[0]!.quote).toMatch(/MIGRANT|Migration Programme/);
    // Text that discusses the programme comes before a bibliographic note that names it.
    expect(card.citations[0]!.section).not.toMatch(/^Notes/);
    expect(card.citations.every((c) => /MIGRANT|Migration [Pp]rogramme/.test(c.passage))).toBe(true);
  });

  it('strips the qualifiers the catalog declares ("the ILO MIGRANT programme")', async () => {
    expect((await ask('programme the ILO MIGRANT programme')).title).toMatch(/MIGRANT/);
    expect((await ask('convention ILO Convention 143')).title).toMatch(/No\. 143/);
  });

  it('issue 3 gives the key issue on protection and integration', async () => {
    const card = await ask('issue 3');
    expect(card.title).toMatch(/Protection and integration/);
    expect(card.citations.some((c) => c.section.includes('3. Protection and integration'))).toBe(true);
  });

  it('the lists name every entry of their kind', async () => {
    const issues = await ask('issues');
    expect(issues.kind).toBe('list');
    expect(issues.fields).toHaveLength(4);
    const conventions = await ask('conventions');
    expect(conventions.fields.map((f) => f.name).join('\n')).toMatch(/No\. 97[\s\S]*No\. 143/);
    const programmes = await ask('programmes');
    expect(programmes.fields.map((f) => f.name).join('\n')).toMatch(/MIGRANT/);
  });

  it('compare puts two entries side by side and quotes where they appear together', async () => {
    const reply = await ask('compare C97 and C143');
    expect(reply.kind).toBe('card');
    expect(reply.fields).toHaveLength(2);
    expect(reply.fields[0]!.value).toMatch(/1949/);
    expect(reply.fields[1]!.value).toMatch(/1975/);
    expect(reply.text).toMatch(/together in \d+ passage/);
    expect(reply.citations[0]!.passage).toMatch(/97[\s\S]*143/);
  });

  it('compare without two names explains itself', async () => {
    expect((await ask('compare C97')).title).toBe('Usage: compare <a> and <b>');
  });

  it('an unknown name gets "no entry called X" with the nearest entries', async () => {
    const reply = await ask('programme Berne Intiative');
    expect(reply.kind).toBe('no-answer');
    expect(reply.title).toBe('No entry called "Berne Intiative"');
    expect(reply.fields[0]!.name).toMatch(/Berne Initiative/);
  });

  it('a question about one entry answers with the quote and attaches its card', async () => {
    const reply = await ask('What is the ICRMW?');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]!.passage).toMatch(/1990 International Convention on the Protection of the Rights of All Migrant Workers/);
    expect(reply.fields[0]!.name).toMatch(/1990|International Convention/);
    expect(reply.fields.map((f) => f.name)).toContain('Also called');
  });

  it.each([['C143'], ['convention 143'], ['No. 143'], ['Supplementary Provisions convention']])('"%s" as a question finds the passages on Convention No. 143', async (q) => {
    const reply = await ask(q);
    expect(reply.citations[0]!.passage).toMatch(/143/);
  });
});
