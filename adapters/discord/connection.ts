// Connection state for health checks, and a log line whenever the gateway drops or comes back.
// discord.js resumes lost sessions by itself; this only watches and reports.

import { Events, type Client } from 'discord.js';
import type { Logger } from '../../src/log.js';
import type { PlatformStatus } from '../../src/types.js';

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
    log.error('Discord gateway closed and will not reconnect', { shardId, code: event.code });
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

  return {
    status: () => ({ connected, ...(lastEventAt ? { lastEventAt } : {}), ...(disconnectedAt ? { disconnectedAt } : {}) }),
    stopping: () => {
      stopping = true;
      connected = false;
    },
  };
}
