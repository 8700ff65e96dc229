// GET /healthz on HEALTH_PORT, for a process supervisor or a load balancer to poll, and any
// other route Policy Desk serves over HTTP (the API).

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../src/log.js';
import { StartupError } from '../src/errors.js';
import { routeTable, sendJson, type HttpRoute, type RouteTable } from './http/routes.js';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

export type HealthReporter = () => { status: number; body: unknown };

export function healthRoute(report: HealthReporter): HttpRoute {
  return {
    method: 'GET',
    path: '/healthz',
    handle(_req, res) {
      const { status, body } = report();
      sendJson(res, status, body);
    },
  };
}

export function serveHealth(port: number, host: string, report: HealthReporter, log: Logger, routes: RouteTable = routeTable()): Promise<HealthServer> {
  const health = routeTable([healthRoute(report)]);
  const server = http.createServer((req, res) => {
    if (health.dispatch(req, res) || routes.dispatch(req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found. Try GET /healthz\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(new StartupError(`Cannot serve /healthz on ${host}:${port} (HEALTH_PORT): ${err.code ?? err.message}`)));
    server.listen(port, host, () => {
      const bound = (server.address() as AddressInfo).port;
      log.info('health check listening', { url: `http://${host}:${bound}/healthz` });
      resolve({ port: bound, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
