// The HTTP JSON API as a platform module: it adds its routes to the ones served with /healthz
// (HEALTH_PORT, or a platform's own port such as Slack's in HTTP mode) and is "connected" while
// they are served. It has no channels, so it posts no digest.

import type { PlatformStatus } from '../../src/types.js';
import { DRAIN_TIMEOUT_MS, drainAndReport, inFlight } from '../kit/in-flight.js';
import type { PlatformModule } from '../platform.js';
import { API_VARIABLES, readApiConfig, type ApiConfig } from './config.js';
import { apiRoutes } from './routes.js';

export const api: PlatformModule<ApiConfig> = {
  name: 'api',
  label: 'API',
  turnOn: 'API_TOKEN',
  variables: API_VARIABLES,
  read: readApiConfig,
  needsRoutes: 'API_TOKEN',
  describe: () => 'on (POST /api/ask)',
  async start(ctx, config) {
    const state: PlatformStatus = { connected: true };
    const work = inFlight();
    ctx.routes.add(...apiRoutes({ desk: ctx.desk, token: config.token, log: ctx.log, work, onRequest: () => (state.lastEventAt = new Date().toISOString()) }));
    return {
      platform: 'api',
      status: () => ({ ...state }),
      async post() {
        throw new Error('The API has no channels to post to.');
      },
      async stop() {
        state.connected = false;
        state.disconnectedAt = new Date().toISOString();
        // Answers being written reach their callers, up to the same limit as every platform.
        await drainAndReport(work, DRAIN_TIMEOUT_MS, ctx.log, 'API');
      },
    };
  },
};
