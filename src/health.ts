// What GET /healthz reports: the documents' edition, the store's state, and per platform whether it is connected
// and when it last heard from it. Unhealthy (503) once a configured platform has been down
// longer than a grace period: reconnects of a few seconds are normal and not worth a page.
// A degraded platform (connected, but its token was rejected so no reply can be sent) is
// unhealthy at once: it will not mend itself.

import type { Desk } from './desk.js';
import type { PlatformStatus } from './types.js';
import type { StoreHealth } from './store/types.js';

export const DISCONNECTED_GRACE_MS = 2 * 60 * 1000;

export interface PlatformHealth {
  name: string;
  /** Unset while the platform is still starting (or retrying after an outage). */
  status?: PlatformStatus;
  /** When it began starting, for a platform not yet up. */
  startingSince?: Date;
}

export interface HealthInput {
  desk: Desk;
  platforms: readonly PlatformHealth[];
  nextDigest?: Date;
  /** Whether changes to the documents folder are picked up (it may have been deleted). */
  documentsFolder?: 'watching' | 'missing' | 'unwatched';
  now: Date;
  graceMs?: number;
}

export function healthReport(input: HealthInput): { status: 200 | 503; body: { ok: boolean } & Record<string, unknown> } {
  const grace = input.graceMs ?? DISCONNECTED_GRACE_MS;
  const stats = input.desk.stats();
  const platforms: Record<string, unknown> = {};
  const down: string[] = [];
  for (const p of input.platforms) {
    const downSince = p.status ? (p.status.connected ? undefined : p.status.disconnectedAt) : p.startingSince?.toISOString();
    const degraded = p.status?.degraded;
    const state = degraded ? 'degraded' : p.status ? (p.status.connected ? 'connected' : 'disconnected') : 'starting';
    if (degraded || (downSince && input.now.getTime() - Date.parse(downSince) > grace)) down.push(p.name);
    platforms[p.name] = {
      state,
      lastEventAt: p.status?.lastEventAt ?? null,
      downSince: downSince ?? null,
      ...(degraded ? { reason: degraded.reason, degradedSince: degraded.since } : {}),
    };
  }
  const ok = down.length === 0;
  // A store that is away (or a full disk) degrades the desk but is not a reason to pull it from a
  // load balancer: every replica shares it, and questions are still answered. Still named, so
  // monitoring can page someone.
  const store = input.desk.store.health();
  return {
    status: ok ? 200 : 503,
    body: {
      ok,
      ...(ok ? {} : { down }),
      ...(store.state === 'degraded' ? { degraded: ['store'] } : {}),
      store,
      storeWrites: storeWritesOf(store),
      edition: stats.edition,
      documents: stats.documents,
      passages: stats.passages,
      platforms,
      nextDigest: input.nextDigest?.toISOString() ?? null,
      // Answers go on from what was indexed, so this alone does not make the bot unhealthy.
      ...(input.documentsFolder ? { documentsFolder: input.documentsFolder } : {}),
    },
  };
}

/**
 * Whether the store is taking writes, in the shape health has always shown: the writes themselves
 * find out (src/store/resilient.ts sees every one), so a full disk shows here and not only in a log.
 */
function storeWritesOf(health: StoreHealth): { state: 'ok' | 'failing'; since?: string; failures: number; lastError?: string } {
  if (health.state === 'ok') return { state: 'ok', failures: 0 };
  return { state: 'failing', since: health.since, failures: health.failures, lastError: health.lastError };
}
