// The "digest" command: today's digest for whoever asks, shown to them and posted nowhere.

import type { Reply } from '../types.js';
import { previewDigest } from '../digest/preview.js';
import type { CommandContext } from './context.js';

/** The digest's time zone decides what "today" is; UTC for a desk given none. */
export function digestCommand(ctx: CommandContext): Promise<Reply> {
  return previewDigest({ library: ctx.library, store: ctx.store, timeZone: ctx.digest?.timezone ?? 'UTC', at: ctx.now() });
}
