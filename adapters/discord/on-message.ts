// A message in a channel (mentioning the bot) or in a DM: ask the core, reply to the message.

import { cleanContent, type Message } from 'discord.js';
import { guarded } from '../kit/handlers.js';
import { addressedText, type MessageFacts } from './addressed.js';
import { audienceOf } from './audience.js';
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
        // Other mentions become readable names ("@bob", "#general"): the core knows no Discord syntax.
        // People by username, one word, rather than by display name, which may hold spaces: the
        // digest drops @handles from the questions it quotes, and must drop all of a name.
        text: cleanContent(text.replace(/<@!?(\d+)>/g, (whole, id: string) => {
          const user = message.mentions.users.get(id);
          return user ? `@${user.username}` : whole;
        }), message.channel),
        platform: 'discord',
        user: message.author.id,
        channel: message.channelId,
        // Public only in a channel all of the server can view (audience.ts); a DM is seen only by the bot.
        audience: audienceOf(message),
      });
      // Discord has no private reply to a channel message: a note meant for the asker alone (too many
      // questions) goes to them by DM, and if they accept no DMs the channel hears nothing of it.
      if (reply.private && message.inGuild()) {
        await message.author.send(messageFor(reply)).catch((err: unknown) => ctx.log.debug('Could not send a private note by DM', { messageId: message.id, err }));
        return;
      }
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
