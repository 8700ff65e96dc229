// The HTTP JSON API: POST /api/ask, POST /api/feedback, GET /api/openapi.json. Each request
// becomes a neutral Incoming for desk.handle, and each Reply the JSON `npm run ask -- --json` prints.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Desk } from '../../src/desk.js';
import type { Logger } from '../../src/log.js';
import { guarded, type Tracker } from '../kit/handlers.js';
import { sendJson, type HttpRoute } from '../http/routes.js';
import { toJson } from '../reply-json.js';
import { tokenCheck } from './auth.js';
import { readJsonObject } from './body.js';
import { openApiDocument } from './openapi.js';

export interface ApiDeps {
  desk: Desk;
  token: string;
  log: Logger;
  /** Each request, for the platform's status (last event). */
  onRequest?: () => void;
  /** Requests being answered, so stop() can let them finish. */
  work?: Tracker;
}

/** Longest `user` a caller may pass: an e-mail address or a directory id, not a document. */
const MAX_USER_CHARS = 200;

export function apiRoutes(deps: ApiDeps): HttpRoute[] {
  const { desk, log } = deps;
  const auth = tokenCheck(deps.token);

  /** Authenticated, parsed and guarded (adapters/kit/handlers.ts): a failure is logged once and answered with an error id. */
  const endpoint =
    (run: (body: Record<string, unknown>, user: string) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>) => async (req: IncomingMessage, res: ServerResponse) => {
      deps.onRequest?.();
      if (!auth.allows(req.headers.authorization)) {
        req.resume();
        return sendJson(res, 401, { error: 'Missing or wrong API token: send the header "Authorization: Bearer <API_TOKEN>".' }, { 'www-authenticate': 'Bearer' });
      }
      const body = await readJsonObject(req);
      if (!body.ok) return sendJson(res, 400, { error: body.message }, { connection: 'close' });
      const user = callerOf(body.value.user, auth.caller);
      if (typeof user !== 'string') return sendJson(res, 400, { error: user.error });
      await guarded(
        { log, label: 'API', work: deps.work },
        'API request failed',
        { path: req.url },
        async () => {
          const answer = await run(body.value, user);
          sendJson(res, answer.status, answer.body, answer.headers);
        },
        async (sorry) => sendJson(res, 500, { error: sorry.text, errorId: sorry.errorId }),
      );
    };

  return [
    {
      method: 'POST',
      path: '/api/ask',
      handle: endpoint(async (body, user) => {
        const text = body.text;
        if (typeof text !== 'string' || !text.trim()) return bad('"text" is required: a question or a command, as a non-empty string.');
        const reply = await desk.handle({ type: 'message', text, platform: 'api', user });
        // Past the rate limit: 429 with Retry-After, so HTTP clients and flows back off on their own.
        if (reply.retryAfterSeconds) return { status: 429, body: toJson(reply, text), headers: { 'retry-after': String(reply.retryAfterSeconds) } };
        return { status: reply.errorId ? 500 : 200, body: toJson(reply, text) };
      }),
    },
    {
      method: 'POST',
      path: '/api/feedback',
      handle: endpoint(async (body, user) => {
        const { questionId, helpful } = body;
        if (!Number.isSafeInteger(questionId) || (questionId as number) < 1) return bad('"questionId" is required: the questionId of an earlier answer from /api/ask.');
        if (typeof helpful !== 'boolean') return bad('"helpful" is required: true or false.');
        const reply = await desk.handle({ type: 'feedback', questionId: questionId as number, helpful, platform: 'api', user });
        const recorded = reply.kind !== 'error';
        return { status: recorded ? 200 : reply.errorId ? 500 : 404, body: { recorded, title: reply.title, text: reply.text, ...(reply.errorId ? { errorId: reply.errorId } : {}) } };
      }),
    },
    {
      method: 'GET',
      path: '/api/openapi.json',
      handle: (_req, res) => sendJson(res, 200, openApiDocument),
    },
  ];
}

function bad(error: string) {
  return { status: 400, body: { error } };
}

/**
 * One token may serve many people (an intranet page, a Teams flow): the caller may name the
 * person, so the rate limit and the question log count them apart. Scoped to the token's holder.
 */
function callerOf(user: unknown, caller: string): string | { error: string } {
  if (user === undefined) return caller;
  if (typeof user !== 'string' || !user.trim() || user.length > MAX_USER_CHARS) return { error: `"user" is optional; when given, a non-empty string of at most ${MAX_USER_CHARS} characters.` };
  return `${caller}:${user.trim()}`;
}
