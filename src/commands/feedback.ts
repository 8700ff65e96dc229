// "Helpful" / "Not helpful" on an earlier answer: one vote per person per answer.

import type { Incoming, Reply } from '../types.js';
import { notice } from '../reply.js';
import type { CommandContext } from './context.js';

export async function feedbackReply(incoming: Extract<Incoming, { type: 'feedback' }>, ctx: CommandContext): Promise<Reply> {
  if (!(await ctx.store.question(incoming.questionId))) {
    return notice('error', 'Feedback not recorded', 'That answer is no longer on record, so the feedback could not be saved.');
  }
  await ctx.store.recordFeedback({ ...incoming, at: ctx.now() });
  return notice('ack', 'Thanks for the feedback', incoming.helpful ? 'Marked as helpful.' : 'Marked as not helpful. The team will look at it.');
}
