// The README and .env.example stay true: every variable and every command is documented.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VARIABLES } from '../adapters/platforms.js';
import { COMMANDS } from '../src/commands/table.js';

const readme = fs.readFileSync('README.md', 'utf8');
const envExample = fs.readFileSync('.env.example', 'utf8');

describe('documentation', () => {
  it.each(Object.keys(VARIABLES))('documents %s in the README and .env.example', (name) => {
    expect(readme).toContain(`| \`${name}\` | ${VARIABLES[name]} |`);
    expect(envExample).toContain(`# ${VARIABLES[name]}\n${name}=`);
    expect(envExample).toMatch(new RegExp(`^${name}=$`, 'm'));
  });

  it.each(COMMANDS.map((c) => [c.usage, c.summary]))('lists the command "%s" in the README', (usage, summary) => {
    expect(readme).toContain(`| \`${usage}\` | ${summary} |`);
  });

  it('has the two quick-start lines', () => {
    expect(readme).toContain('    npm install && npm start\n');
    expect(readme).toContain('    npm install && npm test\n');
  });

  it('.env.example holds no values, so no secret can hide in it', () => {
    for (const line of envExample.split('\n')) if (!line.startsWith('#') && line.trim()) expect(line).toMatch(/^[A-Z_]+=$/);
  });
});
