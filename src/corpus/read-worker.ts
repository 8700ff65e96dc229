// The worker thread that parses documents, so a 300-page PDF never holds up an answer.
// One message in (format and bytes), one out (the parsed file, or why it could not be read).

import { parentPort } from 'node:worker_threads';
import { formatNamed } from './formats.js';
import { ReaderError } from './reader-error.js';

export interface ReadRequest {
  id: number;
  format: string;
  bytes: Uint8Array;
}

export type ReadResponse =
  | { id: number; ok: true; parsed: import('./formats.js').ParsedFile }
  | { id: number; ok: false; known: boolean; message: string };

parentPort!.on('message', async (request: ReadRequest) => {
  let response: ReadResponse;
  try {
    const format = formatNamed(request.format);
    if (!format) throw new Error(`no reader named ${request.format}`);
    response = { id: request.id, ok: true, parsed: await format.read(request.bytes) };
  } catch (err) {
    response = { id: request.id, ok: false, known: err instanceof ReaderError, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(response);
});
