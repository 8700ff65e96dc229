// Everything the bot sends goes through here: the rendered reply, its buttons, and allowed
// mentions set to none, so an echoed "@everyone" or "<@id>" can never ping anyone.

import type { MessageMentionOptions } from 'discord.js';
import type { Reply } from '../../src/types.js';
import { answerButtons } from './buttons.js';
import { renderReply, type RenderOptions } from './render.js';

export const NO_MENTIONS: MessageMentionOptions = { parse: [], repliedUser: false };

export interface MessageOptions extends RenderOptions {
  /** Offer "Share in channel" (answers only the asker can see). */
  share?: boolean;
}

export function messageFor(reply: Reply, options: MessageOptions = {}) {
  const { content, embeds } = renderReply(reply, options);
  return {
    // An edit must clear any earlier content, so content is always present.
    content: content ?? '',
    embeds,
    components: answerButtons(reply.questionId, { share: options.share ?? false }),
    allowedMentions: NO_MENTIONS,
  };
}
