// The API as the registry starts it: its routes join the shared table, its status is what
// /healthz shows, and stop() lets an answer being written reach its caller.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import { healthReport } from '../../src/health.js';
import { silentLogger } from '../../src/log.js';
import { serveHealth } from '../../adapters/health-server.js';
import { routeTable } from '../../adapters/http/routes.js';
import { api } from '../../adapters/api/platform.js';
import { API_FIXTURES, TOKEN } from './helpers.js';

let desk: Desk;
beforeAll(async () => {
  desk = await openDesk({ seedsDir: API_FIXTURES, dataDir: ':memory:' });
});
afterAll(() => desk?.close());

describe('the API platform module', () => {
  it('serves its routes once started, reports each request, and drains an answer in flight on stop', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Desk = { ...desk, handle: async (incoming) => (await gate, desk.handle(incoming)) };
    const routes = routeTable();
    const running = await api.start({ desk: slow, log: silentLogger, routes, health: () => ({ ok: true }) }, { token: TOKEN });
    const server = await serveHealth(0, '127.0.0.1', () => healthReport({ desk, platforms: [{ name: 'api', status: running.status() }], now: new Date() }), silentLogger, routes);
    try {
      expect(running.status()).toEqual({ connected: true });
      const answer = fetch(`http://127.0.0.1:${server.port}/api/ask`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ text: 'Who pays recruitment fees?' }) });
      await new Promise((r) => setTimeout(r, 100));
      expect(running.status().lastEventAt).toBeDefined();
      const stopped = running.stop();
      let done = false;
      void stopped.then(() => (done = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(done).toBe(false);
      release();
      const res = await answer;
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).answer).toMatch(/never pay recruitment fees/);
      await stopped;
      expect(running.status().connected).toBe(false);
    } finally {
      await server.close();
    }
  });
});
