// Where the API is served: with /healthz. On HEALTH_PORT (see api.test.ts), or on Slack's PORT in
// HTTP mode, beside Slack's own events; and API_TOKEN alone, with nowhere to serve it, is a
// start-up problem that names the variable and never its value.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { loadConfig } from '../config/load.js';
import { openDesk, type Desk } from '../../src/desk.js';
import { silentLogger } from '../../src/log.js';
import { apiRoutes } from '../../adapters/api/routes.js';
import { routeTable } from '../../adapters/http/routes.js';
import { startHarness, type Harness } from '../slack/harness.js';
import { API_FIXTURES, TOKEN } from './helpers.js';

/** What start-up would say about this environment (nothing: it starts). */
function problems(env: Record<string, string>): string[] {
  const failure = (() => {
    try {
      return void loadConfig(env, '/tmp');
    } catch (err) {
      return err;
    }
  })();
  if (failure !== undefined && !(failure instanceof ConfigError)) throw failure;
  return failure?.problems ?? [];
}

describe('API_TOKEN', () => {
  it('turns the API on when something serves HTTP', () => {
    expect(loadConfig({ API_TOKEN: TOKEN, HEALTH_PORT: '8080' }, '/tmp').api).toEqual({ token: TOKEN });
    expect(loadConfig({ API_TOKEN: TOKEN, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' }, '/tmp').api).toEqual({ token: TOKEN });
    expect(loadConfig({}, '/tmp').api).toBeUndefined();
    expect(loadConfig({ API_TOKEN: TOKEN, HEALTH_PORT: '8080' }, '/tmp').secrets).toContain(TOKEN);
  });

  it('is refused, by name and never by value, when too short or with nowhere to serve it', () => {
    const short = 'abc123';
    expect(problems({ API_TOKEN: short, HEALTH_PORT: '8080' })).toEqual([expect.stringMatching(/^API_TOKEN must be at least 16 characters/)]);
    expect(problems({ API_TOKEN: TOKEN })).toEqual([expect.stringMatching(/^API_TOKEN is set but no HTTP server runs: set HEALTH_PORT/)]);
    expect(problems({ API_TOKEN: TOKEN, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toEqual([expect.stringMatching(/^API_TOKEN is set but no HTTP server runs/)]);
    expect(problems({ API_TOKEN: short }).join('\n')).not.toContain(short);
  });
});

describe('the API in Slack HTTP mode', () => {
  let desk: Desk;
  let h: Harness;
  beforeAll(async () => {
    desk = await openDesk({ seedsDir: API_FIXTURES, dataDir: ':memory:' });
    h = await startHarness('http', { desk, routes: routeTable(apiRoutes({ desk, token: TOKEN, log: silentLogger })) });
  });
  afterAll(async () => {
    await h?.close();
    desk?.close();
  });

  it('answers on PORT beside /slack/events and /healthz', async () => {
    const base = `http://127.0.0.1:${h.slack.port}`;
    const res = await fetch(`${base}/api/ask`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ text: 'Who pays recruitment fees?' }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).answer).toMatch(/never pay recruitment fees/);
    expect((await fetch(`${base}/api/ask`, { method: 'POST', body: '{"text":"x"}' })).status).toBe(401);
    expect((await fetch(`${base}/api/ask`)).status).toBe(405);
    expect((await fetch(`${base}/api/openapi.json`)).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
