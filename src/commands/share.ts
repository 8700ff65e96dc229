// "Share in channel": an earlier answer again, for everyone, without logging a new question.

import type { Incoming, Reply } from '../types.js';
import { notice } from '../reply.js';
import type { CommandContext } from './context.js';
import { runMessage } from './table.js';

export async function shareReply(incoming: Extract<Incoming, { type: 'share' }>, ctx: CommandContext): Promise<Reply> {
  const record = await ctx.store.question(incoming.questionId);
  if (!record) return notice('error', 'Nothing to share', 'That answer is no longer on record. Ask the question again to share it.');
  // The same question on the same corpus gives the same answer, so re-asking is sharing.
  const reply = await runMessage({ type: 'message', text: record.question, platform: incoming.platform }, ctx, { log: false });
  const changed = record.edition && record.edition !== ctx.library.edition.hash;
  const notes = changed ? [...reply.notes, 'The documents have changed since this answer was first given; this is the answer from the current edition.'] : reply.notes;
  return { ...reply, notes, questionId: record.id };
}
