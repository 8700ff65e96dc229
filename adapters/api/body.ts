// The request body as JSON, read with a size limit (raw-body) so a huge upload is refused
// before it is held in memory.

import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';

/** Far above any question (they are cut at 500 characters) and far below anything harmful. */
export const MAX_BODY_BYTES = 16 * 1024;

export type BodyResult = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

export async function readJsonObject(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  let raw: string;
  try {
    raw = await getRawBody(req, { limit, encoding: 'utf8' });
  } catch (err) {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') return { ok: false, message: `The request body is larger than ${limit / 1024} KB.` };
    if (type === 'encoding.unsupported') return { ok: false, message: 'The request body must be UTF-8 JSON.' };
    return { ok: false, message: 'The request body could not be read.' };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, message: raw.trim() ? 'The request body is not valid JSON.' : 'The request body is empty: send a JSON object.' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'The request body must be a JSON object.' };
  return { ok: true, value: value as Record<string, unknown> };
}
