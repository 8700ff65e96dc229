// /policy and the buttons under answers.
// /policy is deferred at once (Discord allows 3 seconds) and answered to the asker only;
// "Share in channel" posts it for everyone. Feedback is acknowledged to the clicker only.

import { cleanContent, MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import { notice } from '../../src/reply.js';
import type { Reply } from '../../src/types.js';
import { guarded as kitGuarded } from '../kit/handlers.js';
import { parseCustomId } from './buttons.js';
import { QUESTION_OPTION, SLASH_COMMAND } from './commands.js';
import { firstDelivery, guard, type HandlerContext } from './context.js';
import { messageFor } from './message.js';

export function onInteraction(ctx: HandlerContext) {
  return async (interaction: Interaction): Promise<void> => {
    if (interaction.isChatInputCommand() && interaction.commandName === SLASH_COMMAND) return answerSlash(ctx, interaction);
    if (interaction.isButton()) return answerButton(ctx, interaction);
  };
}

async function answerSlash(ctx: HandlerContext, interaction: ChatInputCommandInteraction): Promise<void> {
  if (!(await firstDelivery(ctx, interaction.id))) return;
  await guarded(ctx, interaction, async () => {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const typed = interaction.options.getString(QUESTION_OPTION, true);
    const reply = await ctx.desk.handle({
      type: 'message',
      text: interaction.channel ? cleanContent(typed, interaction.channel) : typed,
      platform: 'discord',
      user: interaction.user.id,
      channel: interaction.channelId,
      // Answered ephemerally: only the asker sees the question.
      audience: 'private',
    });
    await interaction.editReply(messageFor(reply, { share: true }));
  });
}

async function answerButton(ctx: HandlerContext, interaction: ButtonInteraction): Promise<void> {
  const action = parseCustomId(interaction.customId);
  if (!action) {
    await interaction
      .reply({ ...messageFor(notice('error', 'Nothing to do', 'This button no longer works. Ask the question again.')), flags: MessageFlags.Ephemeral })
      .catch((err: unknown) => ctx.log.debug('Could not answer an unknown button', { customId: interaction.customId, err }));
    return;
  }
  if (!(await firstDelivery(ctx, interaction.id))) return;

  await guarded(ctx, interaction, async () => {
    if (action.kind === 'feedback') {
      const { questionId, helpful } = action;
      const reply = await ctx.desk.handle({ type: 'feedback', questionId, helpful, platform: 'discord', user: interaction.user.id });
      await interaction.reply({ ...messageFor(reply), flags: MessageFlags.Ephemeral });
      return;
    }
    const reply = await ctx.desk.handle({ type: 'share', questionId: action.questionId, platform: 'discord', user: interaction.user.id });
    // An answer that is no longer on record is news for the clicker, not for the channel.
    if (reply.kind === 'error') await interaction.reply({ ...messageFor(reply), flags: MessageFlags.Ephemeral });
    else await interaction.reply(messageFor(reply, { askedBy: interaction.user.id }));
  });
}

/** Runs a handler through the kit's guard; the apology goes to the asker only, however far the answer got. */
function guarded(ctx: HandlerContext, interaction: ChatInputCommandInteraction | ButtonInteraction, run: () => Promise<void>): Promise<void> {
  const tell = (apology: Reply) => {
    const sorry = messageFor(apology);
    return interaction.deferred || interaction.replied
      ? interaction.deferred && !interaction.replied
        ? interaction.editReply(sorry)
        : interaction.followUp({ ...sorry, flags: MessageFlags.Ephemeral })
      : interaction.reply({ ...sorry, flags: MessageFlags.Ephemeral });
  };
  return kitGuarded(guard(ctx), 'Could not answer a Discord interaction', { interactionId: interaction.id }, run, tell);
}
