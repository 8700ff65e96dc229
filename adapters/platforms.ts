// The platform registry: every platform Policy Desk can run. The entry points, the configuration
// (with README and .env.example), health and the digest loop over this list; nothing else names
// a platform. Adding one: see README, "Adding a platform".

import { VARIABLES as CORE_VARIABLES } from '../src/config.js';
import type { PlatformModule } from './platform.js';
import { slack } from './slack/platform.js';
import { discord } from './discord/platform.js';
import { api } from './api/platform.js';

export const PLATFORMS: readonly PlatformModule<any>[] = [slack, discord, api];

/** Every variable Policy Desk reads, the core's and each platform's: the source for .env.example and the README. */
export const VARIABLES: Readonly<Record<string, string>> = Object.assign({}, CORE_VARIABLES, ...PLATFORMS.map((p) => p.variables));
