// What a platform module implements (see README, "Adding a platform"). The registry
// (platforms.ts) lists them; the entry points, the configuration and the digest loop over it.

import type { PlatformConfigSpec } from '../src/config.js';
import type { Desk } from '../src/desk.js';
import type { Logger } from '../src/log.js';
import type { RunningPlatform } from '../src/types.js';
import type { RouteTable } from './http/routes.js';

export interface StartContext {
  desk: Desk;
  /** Already carries { platform: name }. */
  log: Logger;
  /** Routes served with /healthz; a platform may add its own, or serve them on its own port. */
  routes: RouteTable;
  /** The process's health report, for a platform that serves /healthz itself. */
  health(): { ok: boolean } & Record<string, unknown>;
  /** Started only to post the digest and stop (npm run digest -- --post): take no port others hold. */
  postOnly?: boolean;
}

export interface PlatformModule<C = unknown> extends PlatformConfigSpec<C> {
  /** For people: "Slack". */
  label: string;
  /** The variable that turns it on, for "off (set …)". */
  turnOn: string;
  /** How it runs, for the start-up banner: "on (Socket Mode)". */
  describe(config: C): string;
  /** Connects (loading its libraries only now) and returns the handle the entry point, health and digest use. */
  start(ctx: StartContext, config: C): Promise<RunningPlatform>;
}

/** The module's own settings from a configuration, when it is on. */
export function settingsOf<C>(module: PlatformModule<C>, platforms: Readonly<Record<string, unknown>>): C | undefined {
  return platforms[module.name] as C | undefined;
}
