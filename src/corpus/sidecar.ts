// Metadata the file itself gets wrong, set next to it: "report.pdf.yaml" beside "report.pdf",
// with title, publisher, year and source. Checked strictly (YAML only, known fields, right
// types); a broken sidecar is reported by name and field, and the document keeps its own metadata.

import { parse as parseYaml } from 'yaml';
import type { DocumentMeta } from './document.js';

const FIELDS = ['title', 'publisher', 'year', 'source'] as const;

export function parseSidecar(text: string, file: string): { meta: DocumentMeta; problems: string[] } {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (err) {
    return { meta: {}, problems: [`${file}: invalid YAML (${(err as Error).message.split('\n')[0]}); its metadata was not used`] };
  }
  if (value === null || value === undefined) return { meta: {}, problems: [] };
  if (typeof value !== 'object' || Array.isArray(value)) return { meta: {}, problems: [`${file}: must be a set of key: value pairs (${FIELDS.join(', ')}); its metadata was not used`] };
  const problems: string[] = [];
  const meta: DocumentMeta = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      problems.push(`${file}: unknown field "${key}" (allowed: ${FIELDS.join(', ')})`);
      continue;
    }
    if (key === 'year') {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{4}$/.test(v.trim()) ? Number(v) : NaN;
      if (Number.isInteger(n) && n >= 1000 && n <= 9999) meta.year = n;
      else problems.push(`${file}: field "year" must be a four-digit year`);
      continue;
    }
    if (typeof v !== 'string' || !v.trim()) {
      problems.push(`${file}: field "${key}" must be a non-empty text`);
      continue;
    }
    if (key === 'source' && !/^(https?:\/\/|[^:]*$)/i.test(v.trim())) {
      problems.push(`${file}: field "source" must be a web address (http/https) or a plain reference`);
      continue;
    }
    meta[key as 'title' | 'publisher' | 'source'] = v.trim();
  }
  return problems.length ? { meta: {}, problems: problems.map((p) => `${p}; its metadata was not used`) } : { meta, problems };
}
