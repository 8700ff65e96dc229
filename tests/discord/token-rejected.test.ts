// A token revoked while the bot runs: the first 401 makes discord.js drop the token, and every
// reply after it fails. That must be said once, naming DISCORD_TOKEN, and show in /healthz.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveHealth } from '../../adapters/health-server.js';
import { healthReport } from '../../src/health.js';
import { silentLogger } from '../../src/log.js';
import { startHarness, type Harness } from './harness.js';
import { tinySeeds, TINY_QUESTION } from '../fakes/tiny-seeds.js';

const seeds = tinySeeds();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seedsDir: seeds.dir });
});
afterAll(async () => {
  await h?.close();
  seeds.remove();
});

describe('Discord: a token rejected mid-run', () => {
  it('reports Discord as degraded in /healthz and logs one error naming DISCORD_TOKEN, however many replies fail', async () => {
    const health = await serveHealth(0, '127.0.0.1', () => healthReport({ desk: h.desk, platforms: [{ name: 'discord', status: h.discord.status() }], now: new Date() }), silentLogger);
    try {
      const before = await (await fetch(`http://127.0.0.1:${health.port}/healthz`)).json();
      expect(before.platforms.discord.state).toBe('connected');

      h.fake.failNext('POST', /^\/channels\/\d+\/messages$/, 401, 0, '401: Unauthorized');
      const first = h.say({ content: TINY_QUESTION, dm: true });
      await vi.waitFor(() => expect(h.logs.some((l) => l.msg === 'Could not answer a Discord message' && l.messageId === first.id)).toBe(true), { timeout: 5000 });
      // Every later reply fails too: discord.js no longer has the token.
      const second = h.say({ content: TINY_QUESTION, dm: true });
      await vi.waitFor(() => expect(h.logs.some((l) => l.msg === 'Could not answer a Discord message' && l.messageId === second.id)).toBe(true), { timeout: 5000 });

      const named = h.logs.filter((l) => l.level === 'error' && /DISCORD_TOKEN/.test(l.msg));
      expect(named).toEqual([expect.objectContaining({ msg: expect.stringMatching(/^Discord rejected DISCORD_TOKEN \(HTTP 401\)/) })]);
      // The per-message failure says what to do, not discord.js's "Expected token to be set".
      expect(h.logs.find((l) => l.messageId === second.id)?.remedy).toMatch(/DISCORD_TOKEN/);
      // discord.js's error carries the request (headers, body): the log keeps its name, message and code only.
      const logged = h.logs.find((l) => l.messageId === first.id)!.err;
      expect(Object.keys(logged).sort()).toEqual(['code', 'message', 'name', 'stack']);
      expect(JSON.stringify(h.logs)).not.toMatch(/authorization|requestBody/i);

      const res = await fetch(`http://127.0.0.1:${health.port}/healthz`);
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body).toMatchObject({ ok: false, down: ['discord'] });
      expect(body.platforms.discord).toMatchObject({ state: 'degraded', reason: expect.stringMatching(/DISCORD_TOKEN/) });
    } finally {
      await health.close();
    }
  });
});

describe('Discord: the gateway closed for good', () => {
  it('a token reset while connected (close 4004) is one error naming DISCORD_TOKEN', async () => {
    const g = await startHarness({ seedsDir: seeds.dir });
    try {
      g.fake.closeGateway(4004, 'Authentication failed.');
      await vi.waitFor(() => expect(g.logs.some((l) => l.msg === 'Discord gateway closed and will not reconnect')).toBe(true), { timeout: 5000 });
      const closed = g.logs.filter((l) => l.level === 'error');
      expect(closed).toEqual([expect.objectContaining({ code: 4004, remedy: expect.stringMatching(/^Discord rejected DISCORD_TOKEN/) })]);
      expect(g.discord.status().connected).toBe(false);
    } finally {
      await g.close();
    }
  });
});
