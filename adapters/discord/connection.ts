// Connection state for health checks, and a log line whenever the gateway drops or comes back.
// discord.js resumes lost sessions by itself; this only watches and reports.
// One 401 on any REST call makes discord.js forget the token: every later reply fails with
// "Expected token to be set" while the gateway stays up. That is reported once, naming
// DISCORD_TOKEN, and health shows Discord as degraded from then on.

import { Events, GatewayCloseCodes, RESTEvents, type Client } from 'discord.js';
import type { Logger } from '../../src/log.js';
import type { PlatformStatus } from '../../src/types.js';

const TOKEN_REMEDY = 'no reply can be sent until it is replaced (Developer Portal → Bot → Reset Token) and Policy Desk restarted.';
const TOKEN_REJECTED = `Discord rejected DISCORD_TOKEN (HTTP 401): ${TOKEN_REMEDY}`;

/** What to do about the gateway close codes discord.js does not recover from. */
const CLOSE_REMEDY: Record<number, string> = {
  [GatewayCloseCodes.AuthenticationFailed]: `Discord rejected DISCORD_TOKEN (it was reset or revoked): replace it (Developer Portal → Bot → Reset Token) and restart Policy Desk.`,
  [GatewayCloseCodes.DisallowedIntents]: 'The Message Content intent was turned off: turn it on under Bot → Privileged Gateway Intents and restart Policy Desk.',
};

export interface ConnectionWatch {
  status(): PlatformStatus;
  /** Called before a deliberate shutdown, so closing is not reported as a lost connection. */
  stopping(): void;
}

export function watchConnection(client: Client, log: Logger, now: () => Date = () => new Date()): ConnectionWatch {
  let connected = false;
  let lastEventAt: string | undefined;
  let disconnectedAt: string | undefined;
  let stopping = false;
  let degraded: PlatformStatus['degraded'];

  const up = () => {
    connected = true;
    disconnectedAt = undefined;
  };

  client.on(Events.ClientReady, up);
  client.on(Events.Raw, () => {
    lastEventAt = now().toISOString();
  });
  client.on(Events.ShardReconnecting, (shardId) => {
    if (stopping) return;
    if (connected) log.warn('Discord gateway connection lost; discord.js is reconnecting', { shardId });
    connected = false;
    disconnectedAt ??= now().toISOString();
  });
  client.on(Events.ShardResume, (shardId, replayedEvents) => {
    log.info('Discord gateway connection resumed', { shardId, replayedEvents });
    up();
  });
  client.on(Events.ShardReady, (shardId) => {
    // A fresh session after a reconnect that could not resume; the first one is logged by startDiscord.
    if (disconnectedAt) log.info('Discord gateway reconnected with a new session', { shardId });
    up();
  });
  client.on(Events.ShardDisconnect, (event, shardId) => {
    if (stopping) return;
    log.error('Discord gateway closed and will not reconnect', { shardId, code: event.code, remedy: CLOSE_REMEDY[event.code] });
    connected = false;
    disconnectedAt ??= now().toISOString();
  });
  client.on(Events.ShardError, (err, shardId) => {
    log.warn('Discord gateway error', { shardId, error: err.message });
  });
  // An EventEmitter with no 'error' listener throws: a library error must not take the process down.
  client.on(Events.Error, (err) => log.error('discord.js error', { err }));
  client.on(Events.Warn, (message) => log.warn('discord.js warning', { message }));
  client.on(Events.Debug, (message) => log.debug('discord.js', { message }));
  client.rest.on(RESTEvents.Response, (request, response) => {
    // Before ready, a rejected token is a start-up error, reported as one by connect().
    if (response.status !== 401 || !request.data.auth || degraded || !client.isReady()) return;
    degraded = { reason: TOKEN_REJECTED, since: now().toISOString() };
    log.error(`Discord rejected DISCORD_TOKEN (HTTP 401); ${TOKEN_REMEDY}`, { method: request.method.toUpperCase(), route: request.route });
  });

  return {
    status: () => ({
      connected,
      ...(lastEventAt ? { lastEventAt } : {}),
      ...(disconnectedAt ? { disconnectedAt } : {}),
      ...(degraded ? { degraded: { ...degraded } } : {}),
    }),
    stopping: () => {
      stopping = true;
      connected = false;
    },
  };
}
