// What a command runs with, and what a command is: shared by the command table and the commands
// themselves, so neither imports the other.

import type { CommandSpec, Incoming, Reply } from '../types.js';
import type { Logger } from '../log.js';
import type { Store } from '../store.js';
import type { Library, ReloadResult } from '../library/library.js';
import type { DigestConfig } from '../config.js';

export interface CommandContext {
  library: Library;
  store: Store;
  log: Logger;
  now: () => Date;
  /** Re-reads the documents folder (absent for desks not opened from one). */
  reload?: () => Promise<ReloadResult>;
  /** The digest's time zone decides what "today" is for the digest command. */
  digest?: Pick<DigestConfig, 'timezone'>;
}

export interface Command extends Omit<CommandSpec, 'example'> {
  /** An example to type; commands about catalog entries take theirs from the catalog loaded. */
  example?: string | ((ctx: CommandContext) => string | undefined);
  /** Whether the command takes words after its name ("search remittances") or stands alone ("sources"). */
  takesArgument: boolean;
  /** Undefined means "this was not meant for me": the text is then asked as a question. */
  run(argument: string, ctx: CommandContext, incoming: MessageIncoming): Reply | undefined | Promise<Reply | undefined>;
}

export type MessageIncoming = Extract<Incoming, { type: 'message' }>;

/** A command's example for the documents loaded now. */
export function exampleOf(command: Command, ctx: CommandContext): string | undefined {
  return typeof command.example === 'function' ? command.example(ctx) : command.example;
}
