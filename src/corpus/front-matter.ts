// YAML front matter only: never a format that can run code (gray-matter's ---js).

import { parse as parseYaml } from 'yaml';

export interface FrontMatter {
  meta: Record<string, unknown>;
  body: string;
  problem?: string;
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function splitFrontMatter(text: string): FrontMatter {
  // "---js", "---coffee": front matter in a language that would run. Skipped whole, never run.
  const foreign = /^---([a-z]+)[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/i.exec(text);
  if (foreign) return { meta: {}, body: text.slice(foreign[0].length), problem: `front matter marked ---${foreign[1]} is not YAML; it was skipped, not run` };
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    if (/^---[ \t]*\r?\n/.test(text) && !/^---[ \t]*\r?\n[\s\S]*?\r?\n---/.test(text)) {
      return { meta: {}, body: text.replace(/^---[ \t]*\r?\n/, ''), problem: 'it opens with --- but never closes it' };
    }
    return { meta: {}, body: text };
  }
  const body = text.slice(match[0].length);
  try {
    const meta = parseYaml(match[1]!);
    if (meta === null || meta === undefined) return { meta: {}, body };
    if (typeof meta !== 'object' || Array.isArray(meta)) return { meta: {}, body, problem: 'it is not a set of key: value pairs' };
    return { meta: meta as Record<string, unknown>, body };
  } catch (err) {
    const first = (err as Error).message.split('\n')[0];
    return { meta: {}, body, problem: `invalid YAML (${first})` };
  }
}

export function stringField(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function yearField(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 && n < 10000 ? n : undefined;
}
