// Judging a failed post for the core (src/errors.ts DeliveryError): did it perhaps arrive?
// Platform clients fail in their own shapes; this is the one place that reads them.

import { DeliveryError } from '../../src/errors.js';

// Network-level codes after which a request may have been processed although no answer came back.
const UNKNOWN_OUTCOME_CODES = new Set(['ETIMEDOUT', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * True when the request may have arrived although it failed: a timeout or a connection lost
 * mid-request. A refusal (not in the channel, unknown channel, bad request, server error) means it did not.
 */
export function mayHaveArrived(err: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { name?: unknown; code?: unknown; cause?: unknown; original?: unknown };
    if (e.name === 'AbortError' || e.name === 'TimeoutError') return true;
    if (typeof e.code === 'string' && UNKNOWN_OUTCOME_CODES.has(e.code)) return true;
    // Slack's web client keeps the underlying error in `original`, Node and discord.js in `cause`.
    current = e.cause ?? e.original;
  }
  return false;
}

/** The platform's failure as the core's DeliveryError, with a message for the log and the person. */
export function deliveryError(err: unknown, message: string): DeliveryError {
  return new DeliveryError(message, mayHaveArrived(err) ? 'may-have-arrived' : 'refused', { cause: err });
}
