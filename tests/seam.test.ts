// The seam between the core and the platforms: src/ names no platform in code (comments may
// explain one), so adding a platform never means editing the core; adapters reach the core
// through the Desk, platforms never import each other, and no module imports itself round a cycle.

import fs from 'node:fs';
import path from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../adapters/platforms.js';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The code of a file without its comments (strings stay: a platform's name in a message counts). */
function code(file: string): string {
  return fs
    .readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

describe('src/', () => {
  const files = sources('src');
  // "API" is also the ordinary word for a platform's web interface ("the API base URL"): for the
  // api platform only its name as a literal counts (platform === 'api').
  const ORDINARY_WORDS = new Set(['api']);
  const names = [...new Set(PLATFORMS.flatMap((p) => [p.name, p.label].map((n) => n.toLowerCase())))];

  it.each(names)('never names the platform "%s" in code', (name) => {
    const naming = ORDINARY_WORDS.has(name) ? new RegExp(`['"\`]${name}['"\`]`, 'i') : new RegExp(`\\b${name}\\b`, 'i');
    expect(files.filter((f) => naming.test(code(f)))).toEqual([]);
  });

  it('imports nothing from adapters/', () => {
    const importing = files.filter((f) => /from ['"](\.\.\/)+adapters\//.test(fs.readFileSync(f, 'utf8')));
    expect(importing).toEqual([]);
  });
});

describe('adapters/', () => {
  const files = sources('adapters');

  it('reach the store through the Desk, never around it', () => {
    expect(files.filter((f) => /\bdesk\.store\b/.test(code(f)))).toEqual([]);
  });

  it.each(PLATFORMS.map((p) => p.name))('the %s platform imports no other platform', (name) => {
    const others = PLATFORMS.map((p) => p.name).filter((n) => n !== name);
    const own = files.filter((f) => f.startsWith(path.join('adapters', name) + path.sep));
    expect(own.length).toBeGreaterThan(0);
    const crossing = own.filter((f) => others.some((o) => new RegExp(`from ['"]\\.\\./${o}/`).test(fs.readFileSync(f, 'utf8'))));
    expect(crossing).toEqual([]);
  });
});

describe('the import graph of src/ and adapters/', () => {
  it('has no cycles, type-only imports included (checked with dpdm)', async () => {
    const tree = await parseDependencyTree(['src/**/*.ts', 'adapters/**/*.ts'], { transform: false, skipDynamicImports: false });
    expect(Object.keys(tree).length).toBeGreaterThan(50);
    expect(parseCircular(tree).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });
});
