// Building the discord.js client with exactly the access Policy Desk needs, and logging in
// with start-up failures turned into messages that say what to fix.

import { Client, Events, GatewayCloseCodes, GatewayIntentBits, Options, Partials } from 'discord.js';
import type { DiscordConfig } from './config.js';
import { StartupError } from '../../src/errors.js';
import { CONNECT_TIMEOUT_MS, withDeadline } from '../kit/deadline.js';

/** retryable: Discord could not be reached, unlike a rejected token or a missing intent. */
export class DiscordStartError extends StartupError {
  override name = 'DiscordStartError';
}

export function createClient(config: DiscordConfig): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages],
    // DM channels are never announced by the gateway; without this partial, DMs are dropped.
    partials: [Partials.Channel],
    // Also set on every message we send (see message.ts), in case an option object overrides it.
    allowedMentions: { parse: [], repliedUser: false },
    // Answering a question whose message was deleted meanwhile should still post, not fail.
    failIfNotExists: false,
    // A POST retried after a lost response must not post twice.
    enforceNonce: true,
    // Nothing reads old messages, and a cached message would hide a redelivery from our own dedupe.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
  });
}

/** Logs in and waits until the guild list has arrived. Throws DiscordStartError with a remedy. */
export async function connect(client: Client, config: DiscordConfig): Promise<Client<true>> {
  let closeCode: number | undefined;
  const onDisconnect = (event: { code: number }) => {
    closeCode = event.code;
  };
  client.on(Events.ShardDisconnect, onDisconnect);
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  // A gateway that accepts the socket but never says READY would leave Discord "starting" forever.
  const late = () => new DiscordStartError(`Discord did not finish connecting within ${CONNECT_TIMEOUT_MS / 1000} s.`, { retryable: true });
  try {
    return await withDeadline(
      client.login(config.token).then(() => ready),
      CONNECT_TIMEOUT_MS,
      late,
    );
  } catch (err) {
    if (err instanceof DiscordStartError) throw err;
    throw explain(err, closeCode, config);
  } finally {
    client.off(Events.ShardDisconnect, onDisconnect);
  }
}

function explain(err: unknown, closeCode: number | undefined, config: DiscordConfig): DiscordStartError {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown; status?: unknown }) ?? {};
  if (closeCode === GatewayCloseCodes.DisallowedIntents || /disallowed intents/i.test(message)) {
    return new DiscordStartError(
      'Discord refused the connection because the Message Content intent is not enabled for this bot. ' +
        'In the Developer Portal (https://discord.com/developers/applications) open the application, go to Bot → ' +
        'Privileged Gateway Intents, turn on "Message Content Intent", save, and start Policy Desk again.',
    );
  }
  if (code.code === 'TokenInvalid' || code.status === 401 || closeCode === GatewayCloseCodes.AuthenticationFailed) {
    return new DiscordStartError(
      'Discord rejected DISCORD_TOKEN. Copy the bot token again from the Developer Portal (Bot → Reset Token) into .env.',
    );
  }
  const where = config.apiUrl ? 'Discord at DISCORD_API_URL' : 'Discord';
  return new DiscordStartError(`Could not connect to ${where}: ${message}`, { cause: err, retryable: true });
}
