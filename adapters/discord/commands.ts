// The /policy slash command, derived from the core's command table so that what Discord's
// command picker suggests is exactly what the core understands.

import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type Client,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandSpec } from '../../src/types.js';
import { clip } from './text.js';

export const SLASH_COMMAND = 'policy';
export const QUESTION_OPTION = 'question';

/** Discord caps command and option descriptions at 100 characters. */
const DESCRIPTION_MAX = 100;

export function policyCommand(commands: readonly CommandSpec[]): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: SLASH_COMMAND,
    description: 'Ask the policy documents a question and get quoted, cited passages, or run a command',
    options: [{ type: ApplicationCommandOptionType.String, name: QUESTION_OPTION, description: optionDescription(commands), required: true }],
    // In servers and in the bot's DMs; the answer is ephemeral, so anyone may ask.
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

/**
 * Overwrites the application's commands with /policy: in one server when guildId is set
 * (visible at once), otherwise globally (Discord may take up to an hour to show it).
 */
export async function registerPolicyCommand(client: Client<true>, commands: readonly CommandSpec[], guildId?: string): Promise<void> {
  const body = [policyCommand(commands)];
  if (guildId) await client.application.commands.set(body, guildId);
  else await client.application.commands.set(body);
}

/** "A question, or a command (help lists them all): search, sources, …" within Discord's 100 characters. */
function optionDescription(commands: readonly CommandSpec[]): string {
  const hasHelp = commands.some((c) => c.name === 'help');
  const prefix = hasHelp ? 'A question, or a command (help lists them all): ' : 'A question, or a command: ';
  const names = commands.map((c) => c.name).filter((n) => n && n !== 'help');
  let shown = 0;
  const text = (n: number) => prefix + names.slice(0, n).join(', ') + (n < names.length ? (n ? ', …' : '…') : '');
  while (shown < names.length && text(shown + 1).length <= DESCRIPTION_MAX) shown++;
  return clip(text(shown), DESCRIPTION_MAX);
}
