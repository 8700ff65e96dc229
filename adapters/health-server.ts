// GET /healthz on HEALTH_PORT, for a process supervisor or a load balancer to poll.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../src/log.js';
import { StartupError } from '../src/errors.js';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

export function serveHealth(port: number, host: string, report: () => { status: number; body: unknown }, log: Logger): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && (req.url === '/healthz' || req.url?.startsWith('/healthz?'))) {
      const { status, body } = report();
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
      return;
    }
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
