// What every Discord event handler needs from the outside.

import type { Desk } from '../../src/desk.js';
import type { Logger } from '../../src/log.js';

export interface HandlerContext {
  desk: Desk;
  log: Logger;
}

/** Each Discord event is answered once: redeliveries after a resume or a restart are skipped. */
export function firstDelivery(ctx: HandlerContext, eventId: string): boolean {
  let first: boolean;
  try {
    first = ctx.desk.store.claimEvent(`discord:${eventId}`);
  } catch (err) {
    ctx.desk.storeWrites.failed(err);
    // Without the record we cannot tell a redelivery apart; answering twice beats never answering.
    ctx.log.warn('could not record the event; answering it anyway', { eventId, err: (err as Error).message });
    return true;
  }
  if (!first) ctx.log.info('Skipped an event already answered', { eventId });
  return first;
}

/** What an operator should do about a Discord API error, when Discord's code says. */
export function remedyFor(err: unknown): string | undefined {
  switch ((err as { code?: unknown } | null)?.code) {
    case 50001:
    case 50013:
      return 'The bot lacks a permission in this channel: it needs View Channels, Send Messages, Embed Links and Read Message History.';
    case 10062:
      return 'Discord expired the interaction before it was acknowledged (3 seconds): is the machine overloaded?';
    default:
      // discord.js's words once a 401 made it drop the token: name the variable, not the symptom.
      if (/Expected token to be set/.test((err as Error | null)?.message ?? '')) {
        return 'Discord rejected DISCORD_TOKEN earlier (HTTP 401): replace it and restart Policy Desk.';
      }
      return undefined;
  }
}
