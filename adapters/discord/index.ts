// Discord, connected: the real discord.js client, gateway events in, replies out.
// The entry point calls startDiscord; everything platform-specific stays in this folder.

import { Events, type Client } from 'discord.js';
import type { DiscordConfig } from './config.js';
import type { Desk } from '../../src/desk.js';
import { DeliveryError } from '../../src/errors.js';
import { deliveryError } from '../kit/delivery.js';
import type { Logger } from '../../src/log.js';
import type { Reply, RunningPlatform } from '../../src/types.js';
import { DRAIN_TIMEOUT_MS, drainAndReport, inFlight } from '../kit/in-flight.js';
import { connect, createClient, DiscordStartError } from './client.js';
import { registerPolicyCommand } from './commands.js';
import { watchConnection } from './connection.js';
import { messageFor } from './message.js';
import { onInteraction } from './on-interaction.js';
import { onMessage } from './on-message.js';

export { DiscordStartError } from './client.js';

export interface DiscordOptions {
  /** How long stop() waits for answers being written (default 10 s). */
  drainMs?: number;
}

export async function startDiscord(desk: Desk, config: DiscordConfig, parentLog: Logger, options: DiscordOptions = {}): Promise<RunningPlatform> {
  const log = parentLog.child({ platform: 'discord' });
  const client = createClient(config);
  const connection = watchConnection(client, log);

  // Handlers run concurrently; stop() waits for the ones in flight (up to a limit) before disconnecting.
  const work = inFlight();
  let accepting = true;
  const tracked = <A extends unknown[]>(handler: (...args: A) => Promise<void>) => (...args: A) => {
    if (!accepting) return;
    void work.run(() => handler(...args).catch((err: unknown) => log.error('Unhandled error in a Discord handler', { err })));
  };
  const ctx = { desk, log };
  client.on(Events.MessageCreate, tracked(onMessage(ctx)));
  client.on(Events.InteractionCreate, tracked(onInteraction(ctx)));

  let ready: Client<true>;
  try {
    ready = await connect(client, config);
    log.info('Connected to Discord', { bot: ready.user.tag, servers: ready.guilds.cache.size });
    await registerPolicyCommand(ready, desk.commands, config.guildId).catch((err: unknown) => {
      throw registrationError(err, config);
    });
    log.info('Registered /policy', config.guildId ? { server: config.guildId } : { scope: 'global (may take up to an hour to appear)' });
  } catch (err) {
    connection.stopping();
    await client.destroy();
    throw err;
  }

  let stopped: Promise<void> | undefined;
  return {
    platform: 'discord',
    async post(channelId: string, reply: Reply) {
      try {
        const channel = await ready.channels.fetch(channelId);
        if (!channel?.isSendable()) throw new DeliveryError(`Discord channel ${channelId} is not a channel the bot can post in.`, 'refused');
        await channel.send(messageFor(reply));
      } catch (err) {
        if (err instanceof DeliveryError) throw err;
        throw deliveryError(err, `Discord would not post to channel ${channelId} (${(err as Error).message})`);
      }
    },
    status: () => connection.status(),
    stop() {
      stopped ??= (async () => {
        accepting = false;
        connection.stopping();
        await drainAndReport(work, options.drainMs ?? DRAIN_TIMEOUT_MS, log, 'Discord');
        await client.destroy();
        log.info('Disconnected from Discord');
      })();
      return stopped;
    },
  };
}

function registrationError(err: unknown, config: DiscordConfig): DiscordStartError {
  const code = (err as { code?: unknown }).code;
  const detail = err instanceof Error ? err.message : String(err);
  if (config.guildId && (code === 50001 || code === 10004)) {
    return new DiscordStartError(
      'Could not register /policy in the server set by DISCORD_GUILD_ID: the bot is not in that server, or was invited ' +
        'without the applications.commands scope. Invite it with the URL from the README, or unset DISCORD_GUILD_ID.',
      { cause: err },
    );
  }
  return new DiscordStartError(`Could not register the /policy command: ${detail}`, { cause: err });
}
