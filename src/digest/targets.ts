// Where the digest goes: the channel configured for each platform, posted through that platform
// once it runs. A platform without a channel posts no digest.

import type { DigestChannel, DigestConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { RunningPlatform } from '../types.js';
import type { DigestTarget } from './post.js';

export type { DigestChannel } from '../config.js';

export function digestChannels(digest: DigestConfig): readonly DigestChannel[] {
  return digest.channels ?? [];
}

/** "set DIGEST_A_CHANNEL and/or DIGEST_B_CHANNEL", from the variables the platforms declare. */
export function channelHint(digest: DigestConfig): string {
  const variables = digest.channelVariables ?? [];
  return variables.length ? `set ${variables.join(' and/or ')}` : 'no platform that posts digests is configured';
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
