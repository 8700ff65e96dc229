// The seam between the core and the platforms: src/ names no platform in code (comments may
// explain one), so adding a platform never means editing the core; adapters reach the core
// through the Desk, and platforms never import each other.

import fs from 'node:fs';
import path from 'node:path';
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
  const names = [...new Set(PLATFORMS.flatMap((p) => [p.name, p.label]))];

  it.each(names)('never names the platform "%s" in code', (name) => {
    const word = new RegExp(`\\b${name}\\b`, 'i');
    const naming = files.filter((f) => word.test(code(f)));
    expect(naming).toEqual([]);
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
