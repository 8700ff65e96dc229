// npm run ask, as scripts use it: one question, --json, and batch mode on standard input.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ILO_DIR } from '../fixtures/paths.js';

function ask(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'adapters/cli/ask.ts', ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, SEEDS_DIR: ILO_DIR, DATA_DIR: ':memory:' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run ask', () => {
  it('prints one cited answer for a question', () => {
    const { code, out } = ask(['What does GATS Mode 4 cover?']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Answer/);
    expect(out).toMatch(/movement of natural persons/);
    expect(out).toMatch(/— Key issues for the UN High-Level Dialogue.*›/);
  });

  it('--json prints the documented object, with the best passage first', () => {
    const { code, out } = ask(['--json', 'What does GATS Mode 4 cover?']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ question: 'What does GATS Mode 4 cover?', answered: true });
    expect(json.answer).toBe(json.citations[0].quote);
    expect(Object.keys(json.citations[0])).toEqual(expect.arrayContaining(['document', 'section', 'id', 'passage', 'quote']));
    expect(json.citations[0].passage).toContain(json.citations[0].quote);
    expect(json.edition.hash).toMatch(/^[0-9a-f]{12}$/);
  });

  it('--json marks an uncovered question as not answered', () => {
    const json = JSON.parse(ask(['--json', 'What is the capital of France?']).out);
    expect(json.answered).toBe(false);
    expect(json.answer).toMatch(/The documents don't cover this/);
  });

  it('answers each line of standard input in order, one output line each', () => {
    const { code, out } = ask(['--json'], 'What is MIGRANT?\n\nWhat is the capital of France?\nconvention 143\n');
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual(['What is MIGRANT?', 'What is the capital of France?', 'convention 143']);
    expect(lines.map((l) => l.answered)).toEqual([true, false, true]);
    expect(lines[2].kind).toBe('card');

    const text = ask([], 'What is MIGRANT?\nWhat is the capital of France?\n').out.trim().split('\n');
    expect(text).toHaveLength(2);
    expect(text[1]).toBe("The documents don't cover this.");
  });

  it('fails once, clearly, when the documents folder is missing', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'adapters/cli/ask.ts', 'x'], { encoding: 'utf8', env: { PATH: process.env.PATH, SEEDS_DIR: '/nonexistent/documents', DATA_DIR: ':memory:' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Policy Desk could not start\.\nCannot read the documents folder \/nonexistent\/documents \(SEEDS_DIR\)/);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
