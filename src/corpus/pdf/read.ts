// The PDF reader: pdf.js text runs, rebuilt into the document's structure.

import type { ReadDocument } from '../document.js';
import { ReaderError } from '../reader-error.js';
import { extractPdf } from './extract.js';
import { layoutPdf, NeedWeights, NoTextLayer, UnreadableText } from './layout.js';

export async function readPdf(bytes: Uint8Array): Promise<ReadDocument> {
  if (!isPdf(bytes)) throw new ReaderError('is not a PDF (its content does not start like one); skipped');
  let raw = await extractPdf(bytes);
  try {
    try {
      return layoutPdf(raw);
    } catch (err) {
      if (!(err instanceof NeedWeights)) throw err;
      raw = await extractPdf(bytes, { withWeights: true });
      return layoutPdf(raw);
    }
  } catch (err) {
    if (err instanceof UnreadableText) throw new ReaderError('has a text layer that cannot be decoded (its fonts have no character map); skipped (run it through OCR to index it)');
    if (err instanceof NoTextLayer) throw new ReaderError(`has no text layer (a scanned image?) on any of its ${raw.pages.length} page(s); skipped (run it through OCR to index it)`);
    throw err;
  }
}

/** "%PDF-" within the first kilobyte, as readers allow. */
export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');
}
