// Slack over HTTP: Bolt's own receiver (it checks the signature, Slack's 5-minute window into the
// past, the body size), with what it lets through closed off in front of it and around it:
// - a request stamped more than 5 minutes in the future is refused with 401 (Bolt checks only
//   the past, so a captured request could be dated ahead and replayed for as long as one likes);
// - a signed body that is not a payload object (`payload=null` crashes Bolt's receiver) or a
//   slash command with no response_url (nowhere to answer) gets 400 and one warning line;
// - a payload Bolt cannot make sense of (a click with no user) gets 400 and one warning line,
//   not a 500 with a stack; one of a type nothing listens for gets Bolt's 404 and one line.
// The signature itself is checked by Bolt's code only.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthorizationError, HTTPModuleFunctions, HTTPReceiver, type CustomRoute, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

/** Slack's own window for a request's timestamp, both ways. */
export const TIMESTAMP_WINDOW_S = 5 * 60;
const EVENTS_PATH = '/slack/events';

export interface HttpReceiverOptions {
  signingSecret: string;
  routes: CustomRoute[];
  logger: BoltLogger;
  log: Logger;
  now?: () => number;
}

export function httpReceiver(o: HttpReceiverOptions): HTTPReceiver {
  const now = o.now ?? Date.now;
  const receiver = new HTTPReceiver({
    signingSecret: o.signingSecret,
    endpoints: [EVENTS_PATH],
    customRoutes: o.routes,
    logger: o.logger,
    processEventErrorHandler: async (args) => {
      if (args.error instanceof AuthorizationError) return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
      const reason = args.error.message;
      if (args.response.headersSent) {
        o.log.warn('a Slack request failed after it was acknowledged', { reason });
        return false;
      }
      o.log.warn('refused a Slack request Policy Desk cannot read (400)', { reason });
      HTTPModuleFunctions.buildNoBodyResponse(args.response, 400);
      return false;
    },
    // A request already answered (refused above) has nothing left to time out. One no listener
    // took in 3 s is a payload of a type Policy Desk does not handle (or an ack that came too
    // late): one warning, and Bolt's own 404.
    unhandledRequestHandler: ({ response }) => {
      if (response.headersSent) return;
      o.log.warn('refused a Slack request no listener took within 3 s (404)');
      HTTPModuleFunctions.buildNoBodyResponse(response, 404);
    },
  });

  const bolt = receiver.requestListener;
  const refuse = (res: ServerResponse, status: number, msg: string, fields?: Record<string, unknown>) => {
    o.log.warn(msg, fields);
    // A refused body may not have been read to its end: close rather than keep the connection.
    res.setHeader('connection', 'close');
    HTTPModuleFunctions.buildNoBodyResponse(res, status);
  };
  const handOn = (req: IncomingMessage, res: ServerResponse) => {
    try {
      bolt(req, res);
    } catch (err) {
      refuse(res, 500, 'Slack request could not be handed to Bolt', { reason: (err as Error).message });
    }
  };

  receiver.requestListener = (req, res) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== EVENTS_PATH) return bolt(req, res);
    const stamped = Number(req.headers['x-slack-request-timestamp']);
    const ahead = stamped - Math.floor(now() / 1000);
    if (Number.isFinite(stamped) && ahead > TIMESTAMP_WINDOW_S) {
      return refuse(res, 401, 'refused a Slack request dated in the future (401)', { secondsAhead: ahead });
    }
    void readable(req, o.signingSecret).then(
      (problem) => (problem ? refuse(res, problem.status, `refused a Slack request: ${problem.reason}`) : handOn(req, res)),
      () => handOn(req, res),
    );
  };
  return receiver;
}

/**
 * What is wrong with a request's body, when it is signed but not something Bolt can handle.
 * Undefined hands it on to Bolt, which refuses bad signatures (401) and unparsable bodies (400)
 * itself. The body is buffered once here; Bolt reads the buffered copy.
 */
async function readable(req: IncomingMessage, signingSecret: string): Promise<{ status: number; reason: string } | undefined> {
  let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.parseAndVerifyHTTPRequest>>;
  try {
    buffered = await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ signingSecret, bodyLimit: HTTPModuleFunctions.defaultBodyLimit }, req);
  } catch (err) {
    // A body that could not be read at all cannot be read by Bolt either (the stream is spent).
    if (HTTPModuleFunctions.isRawBodyError(err) && !HTTPModuleFunctions.isBufferedIncomingMessage(req)) {
      const status = (err as { statusCode?: number }).statusCode === 413 ? 413 : 400;
      return { status, reason: status === 413 ? 'body over the size limit (413)' : 'body could not be read (400)' };
    }
    return undefined;
  }
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    return undefined;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { status: 400, reason: 'the payload is not an object (400)' };
  const fields = body as Record<string, unknown>;
  if (typeof fields.command === 'string' && typeof fields.response_url !== 'string') {
    return { status: 400, reason: 'a slash command without a response_url (400)' };
  }
  return undefined;
}
