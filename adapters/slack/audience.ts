// Who could see a question asked by mention: the digest, posted where others read it, quotes only
// questions anyone in the workspace could read (src/digest/activity.ts). Slack's app_mention event
// does not say whether its channel is private, so Slack is asked (conversations.info), once per
// channel for a while. Failing closed: a channel is public only when Slack says it is a plain
// public channel; a lookup that fails or is slow makes the question private (counted in the
// digest, never quoted).

import type { webApi } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../src/log.js';
import type { Audience } from '../../src/types.js';
import { platformErrorCode } from './errors.js';

/** How long a mention's answer may wait for Slack to say who sees the channel. */
export const LOOKUP_TIMEOUT_MS = 2_000;
/** A channel rarely turns private or public; when it does, an hour's delay is acceptable. */
const KNOWN_FOR_MS = 60 * 60_000;
/** After a failed lookup the channel counts as private for a minute without asking again, so an outage does not slow every answer. */
const UNKNOWN_FOR_MS = 60_000;
/** Channels remembered at most (least recently asked in forgotten first). */
const CHANNELS = 1_000;

/** Direct messages (channel ids D…) are private without asking. */
export function isDirectMessage(channel: string): boolean {
  return channel.startsWith('D');
}

export type ChannelAudience = (channel: string) => Promise<Audience>;

/**
 * The audience of a mention in `channel`. Never throws. Concurrent questions in one channel share
 * one lookup. `client` should give up soon (client-options.ts, lookupClientOptions).
 */
export function channelAudience(client: webApi.WebClient, log: Logger): ChannelAudience {
  const known = new LRUCache<string, Audience>({
    max: CHANNELS,
    ttl: KNOWN_FOR_MS,
    fetchMethod: async (channel, _stale, { options }) => {
      try {
        const { channel: info } = await client.conversations.info({ channel });
        return isPlainPublic(info) ? 'public' : 'private';
      } catch (err) {
        options.ttl = UNKNOWN_FOR_MS;
        const code = platformErrorCode(err);
        log.warn('Slack would not say whether a channel is public; its questions count as private (counted in the digest, not quoted)', {
          channel,
          code,
          ...(code === 'missing_scope' ? { remedy: 'add the channels:read, groups:read and mpim:read scopes (slack-manifest.yml) and reinstall the app' } : {}),
          err,
        });
        return 'private';
      }
    },
  });
  return async (channel) => (isDirectMessage(channel) ? 'private' : ((await known.fetch(channel).catch(() => undefined)) ?? 'private'));
}

/** A channel anyone in the workspace can open: not a private channel, group DM or DM. Unsure: not public. */
function isPlainPublic(info: { is_channel?: boolean; is_private?: boolean; is_group?: boolean; is_im?: boolean; is_mpim?: boolean } | undefined): boolean {
  return info?.is_channel === true && info.is_private === false && info.is_group !== true && info.is_im !== true && info.is_mpim !== true;
}
