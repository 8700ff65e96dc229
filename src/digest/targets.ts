// Where the digest goes: the channel configured for each platform, posted through that platform
// once it runs. A platform without a channel posts no digest.

import type { DigestConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { Platform, RunningPlatform } from '../types.js';
import type { DigestTarget } from './post.js';

export interface DigestChannel {
  platform: Platform;
  channel: string;
  /** The variable that set it, for messages. */
  variable: string;
}

export function digestChannels(digest: DigestConfig): DigestChannel[] {
  const channels: DigestChannel[] = [];
  if (digest.slackChannel) channels.push({ platform: 'slack', channel: digest.slackChannel, variable: 'DIGEST_SLACK_CHANNEL' });
  if (digest.discordChannel) channels.push({ platform: 'discord', channel: digest.discordChannel, variable: 'DIGEST_DISCORD_CHANNEL' });
  return channels;
}

/** The channels whose platform is running now; the others are named in a warning. */
export function digestTargets(digest: DigestConfig, platforms: readonly RunningPlatform[], log?: Logger): DigestTarget[] {
  const targets: DigestTarget[] = [];
  for (const c of digestChannels(digest)) {
    const platform = platforms.find((p) => p.platform === c.platform);
    if (platform) targets.push({ platform, channel: c.channel });
    else log?.warn(`${c.variable} is set but ${c.platform} is not running: no digest to ${c.platform}`);
  }
  return targets;
}
