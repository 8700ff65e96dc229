// A message in a channel (mentioning the bot) or in a DM: ask the core, reply to the message.

import { cleanContent, type Message } from 'discord.js';
import { guarded } from '../kit/handlers.js';
import { addressedText, type MessageFacts } from './addressed.js';
import { firstDelivery, guard, type HandlerContext } from './context.js';
import { messageFor } from './message.js';

export function onMessage(ctx: HandlerContext) {
  return async (message: Message): Promise<void> => {
    const me = message.client.user;
    const text = addressedText(factsOf(message), { userId: me.id, roleId: message.guild?.roles.botRoleFor(me)?.id });
    if (text === undefined || !(await firstDelivery(ctx, message.id))) return;

    const fields = { messageId: message.id, channelId: message.channelId };
    await guarded(guard(ctx), 'Could not answer a Discord message', fields, async () => {
      const reply = await ctx.desk.handle({
        type: 'message',
        // Other mentions become readable names ("@Bob", "#general"): the core knows no Discord syntax.
        text: cleanContent(text, message.channel),
        platform: 'discord',
        user: message.author.id,
        channel: message.channelId,
      });
      // The question's id as nonce: if Discord sees the same nonce twice, it keeps one message.
      await message.reply({ ...messageFor(reply), nonce: message.id, enforceNonce: true });
    }, (sorry) => message.reply(messageFor(sorry)));
  };
}

function factsOf(message: Message): MessageFacts {
  return {
    content: message.content,
    inGuild: message.inGuild(),
    fromMachine: message.author.bot || message.system || message.webhookId !== null,
    mentionedUserIds: [...message.mentions.users.keys()],
    mentionedRoleIds: [...message.mentions.roles.keys()],
  };
}
