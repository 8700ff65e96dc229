// Deciding whether a message is meant for the bot, and what was asked.
// In a server only an explicit mention counts: @everyone, @here, a role other than the bot's
// own, or replying to one of the bot's answers are not questions for it. In a DM, everything is.

export interface MessageFacts {
  content: string;
  inGuild: boolean;
  /** Bots, webhooks and system messages: never answered (this also keeps the bot from answering itself). */
  fromMachine: boolean;
  /** Users Discord resolved as mentioned (it leaves out mentions inside code, which plain text matching would not). */
  mentionedUserIds: readonly string[];
  mentionedRoleIds: readonly string[];
}

export interface BotIdentity {
  userId: string;
  /** The role Discord creates for the bot in each server; the mention picker often offers it first. */
  roleId?: string;
}

/** The text to hand to the core, or undefined when the message is not for the bot. */
export function addressedText(message: MessageFacts, bot: BotIdentity): string | undefined {
  if (message.fromMachine) return undefined;
  const userMention = new RegExp(`<@!?${bot.userId}>`, 'g');
  const roleMention = bot.roleId ? new RegExp(`<@&${bot.roleId}>`, 'g') : undefined;

  const byUser = message.mentionedUserIds.includes(bot.userId) && userMention.test(message.content);
  const byRole = !!roleMention && !!bot.roleId && message.mentionedRoleIds.includes(bot.roleId) && roleMention.test(message.content);
  if (message.inGuild && !byUser && !byRole) return undefined;

  let text = message.content.replace(userMention, ' ');
  if (roleMention) text = text.replace(roleMention, ' ');
  // "@Policy Desk: what is …" / "@Policy Desk, help"
  return text.replace(/\s+/g, ' ').trim().replace(/^[:,]\s*/, '');
}
