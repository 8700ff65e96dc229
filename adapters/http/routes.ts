// The HTTP routes Policy Desk serves besides a platform's own endpoints (/healthz, the API), as
// plain Node handlers: the same list is served by the health server on HEALTH_PORT and mounted
// into Slack's HTTP receiver on PORT.

import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HttpRoute {
  method: 'GET' | 'POST';
  /** An exact path, without query string. */
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

/** The routes one process serves, added to as platforms start; read at each request. */
export interface RouteTable {
  add(...routes: HttpRoute[]): void;
  readonly routes: readonly HttpRoute[];
  /** Answers the request from its route; false when none has its path. */
  dispatch(req: IncomingMessage, res: ServerResponse): boolean;
}

export function routeTable(initial: readonly HttpRoute[] = []): RouteTable {
  const routes = [...initial];
  return { routes, add: (...more) => void routes.push(...more), dispatch: (req, res) => dispatch(routes, req, res) };
}

/** Answers the request from the route for its path; false when no route has that path. */
export function dispatch(routes: readonly HttpRoute[], req: IncomingMessage, res: ServerResponse): boolean {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const forPath = routes.filter((r) => r.path === path);
  if (!forPath.length) return false;
  const route = forPath.find((r) => r.method === req.method);
  if (!route) {
    sendJson(res, 405, { error: `${req.method} is not allowed on ${path}; use ${forPath.map((r) => r.method).join(' or ')}.` }, { allow: forPath.map((r) => r.method).join(', ') });
    return true;
  }
  void Promise.resolve()
    .then(() => route.handle(req, res))
    .catch(() => {
      // Route handlers answer their own failures; this only keeps a socket from hanging.
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error.' });
      else res.end();
    });
  return true;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}
