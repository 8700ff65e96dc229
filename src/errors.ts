// Turning the unexpected into something a person can act on: a short apology with an id
// that matches exactly one log line.

import { randomBytes } from 'node:crypto';
import type { Reply } from './types.js';

/**
 * A problem that stops Policy Desk from starting, with a message written for the person who
 * runs it (naming the file or variable to fix, never a secret). Printed alone, without a stack.
 */
export class StartupError extends Error {
  override name = 'StartupError';
  /** True when the cause may pass (a platform unreachable): worth trying again later. */
  readonly retryable: boolean;

  constructor(message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable ?? false;
  }
}

export function newErrorId(): string {
  return 'E-' + randomBytes(4).toString('hex').toUpperCase();
}

export function apology(errorId: string): Reply {
  return {
    kind: 'error',
    title: 'Something went wrong',
    text: `Sorry, something went wrong on our side while answering. If it keeps happening, give this id to whoever runs Policy Desk: ${errorId}.`,
    citations: [],
    fields: [],
    notes: [],
    answered: false,
    errorId,
  };
}

/**
 * A post to a platform that failed, as the adapter that tried it judges it: "refused" means it
 * did not arrive (safe to retry), "may-have-arrived" means the request may have been processed
 * although no answer came back (a timeout, a connection lost mid-request): retrying risks a
 * duplicate. The core decides what to do from this alone, never from a platform's error shapes.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';

  constructor(
    message: string,
    readonly outcome: 'refused' | 'may-have-arrived',
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
  }
}
