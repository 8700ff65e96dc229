// Today's digest for whoever asks ("digest" in a chat, `npm run digest -- --dry-run`): the same
// content the channels get, built now, posted nowhere, and without moving the focus rotation on.

import type { Reply } from '../types.js';
import type { Library } from '../library/library.js';
import type { Store } from '../store.js';
import { buildDigest } from './build.js';
import { localDate } from './local-time.js';
import { digestRecords } from './records.js';

export async function previewDigest(input: { library: Library; store: Store; timeZone: string; at: Date }): Promise<Reply> {
  const records = digestRecords(input.store);
  const previous = await records.lastPostedBefore(localDate(input.at, input.timeZone));
  return (await buildDigest({ ...input, records, previous, recordFocus: false })).reply;
}
