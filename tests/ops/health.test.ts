import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import { healthReport, DISCONNECTED_GRACE_MS, type PlatformHealth } from '../../src/health.js';
import { serveHealth } from '../../adapters/health-server.js';
import { silentLogger } from '../../src/log.js';
import { ILO_DIR } from '../fixtures/paths.js';

let desk: Desk;
beforeAll(async () => {
  desk = await openDesk({ seedsDir: ILO_DIR, dataDir: ':memory:' });
});
afterAll(() => desk.close());

const now = new Date('2026-11-30T09:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe('GET /healthz', () => {
  it('answers 200 with the edition, passages and each platform while all are connected', async () => {
    const platforms: PlatformHealth[] = [
      { name: 'slack', status: { connected: true, lastEventAt: ago(5000) } },
      { name: 'discord', status: { connected: true } },
    ];
    const server = await serveHealth(0, '127.0.0.1', () => healthReport({ desk, platforms, now, nextDigest: new Date('2026-11-30T10:00:00Z') }), silentLogger);
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as any;
      expect(body).toMatchObject({ ok: true, passages: desk.stats().passages, edition: desk.stats().edition, nextDigest: '2026-11-30T10:00:00.000Z' });
      expect(body.platforms.slack).toEqual({ state: 'connected', lastEventAt: ago(5000), downSince: null });
      expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('answers 503 once a configured platform has been down longer than the grace period', async () => {
    const blip = healthReport({ desk, now, platforms: [{ name: 'slack', status: { connected: false, disconnectedAt: ago(5000) } }] });
    expect(blip.status).toBe(200);
    expect((blip.body.platforms as any).slack.state).toBe('disconnected');

    const down = healthReport({ desk, now, platforms: [{ name: 'slack', status: { connected: false, disconnectedAt: ago(DISCONNECTED_GRACE_MS + 1000) } }] });
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ok: false, down: ['slack'] });

    const neverStarted = healthReport({ desk, now, platforms: [{ name: 'discord', startingSince: new Date(now.getTime() - DISCONNECTED_GRACE_MS - 1) }] });
    expect(neverStarted.status).toBe(503);
    expect((neverStarted.body.platforms as any).discord.state).toBe('starting');
  });
});
