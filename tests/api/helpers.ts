// One API served over real HTTP on 127.0.0.1, on a desk over a small fixture folder.

import { openDesk, type Desk } from '../../src/desk.js';
import { healthReport } from '../../src/health.js';
import { createLogger } from '../../src/log.js';
import { serveHealth, type HealthServer } from '../../adapters/health-server.js';
import { apiRoutes } from '../../adapters/api/routes.js';
import { routeTable } from '../../adapters/http/routes.js';

export const API_FIXTURES = 'tests/fixtures/api';
export const TOKEN = 'test-api-token-0123456789abcdef';

export interface ApiHarness {
  desk: Desk;
  url: string;
  logs: string[];
  post(path: string, body: unknown, init?: { token?: string | null; raw?: boolean }): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startApi(options: { desk?: Desk } = {}): Promise<ApiHarness> {
  const desk = options.desk ?? (await openDesk({ seedsDir: API_FIXTURES, dataDir: ':memory:' }));
  const logs: string[] = [];
  const log = createLogger({ level: 'debug', secrets: [TOKEN], write: (line) => logs.push(line) });
  const server: HealthServer = await serveHealth(0, '127.0.0.1', () => healthReport({ desk, platforms: [], now: new Date() }), log, routeTable(apiRoutes({ desk, token: TOKEN, log })));
  const url = `http://127.0.0.1:${server.port}`;
  return {
    desk,
    url,
    logs,
    async post(path, body, init = {}) {
      const token = init.token === undefined ? TOKEN : init.token;
      const res = await fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token !== null ? { authorization: `Bearer ${token}` } : {}) },
        body: init.raw ? (body as string) : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
    async close() {
      await server.close();
      if (!options.desk) desk.close();
    },
  };
}
