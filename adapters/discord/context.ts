// What every Discord event handler needs from the outside.

import type { Desk } from '../../src/desk.js';
import type { Logger } from '../../src/log.js';
import { firstDelivery as kitFirstDelivery, type Guard } from '../kit/handlers.js';

export interface HandlerContext {
  desk: Desk;
  log: Logger;
}

/** Each Discord event is answered once: redeliveries after a resume or a restart are skipped. */
export function firstDelivery(ctx: HandlerContext, eventId: string): Promise<boolean> {
  return kitFirstDelivery(ctx.desk, ctx.log, 'discord', eventId, 'Discord');
}

/** The kit's guard for Discord: the error line carries the remedy Discord's error code suggests. */
export function guard(ctx: HandlerContext): Guard {
  return { log: ctx.log, label: 'Discord', explain: (err) => ({ remedy: remedyFor(err) }) };
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
