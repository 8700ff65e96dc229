// Who could see a question asked by mention: the digest quotes only questions the whole server
// could read (src/digest/activity.ts). A server channel counts as public only when @everyone may
// view it, as discord.js computes it from the permissions it has cached (the server's roles and
// the channel's overwrites; a thread follows its parent). A private thread, a DM, or anything
// the cache cannot tell, is private: counted in the digest, never quoted.

import { ChannelType, PermissionFlagsBits, type Message } from 'discord.js';
import type { Audience } from '../../src/types.js';

export function audienceOf(message: Message): Audience {
  if (!message.inGuild()) return 'private';
  const channel = message.channel;
  if (channel.type === ChannelType.PrivateThread) return 'private';
  // Undefined when the server's roles are not cached (the getter reads the cache).
  const everyone = message.guild.roles.everyone as ReturnType<typeof message.guild.roles.resolve>;
  if (!everyone) return 'private';
  return channel.permissionsFor(everyone)?.has(PermissionFlagsBits.ViewChannel) === true ? 'public' : 'private';
}
