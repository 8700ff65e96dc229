// Turning the unexpected into something a person can act on: a short apology with an id
// that matches exactly one log line.

import { randomBytes } from 'node:crypto';
import type { Reply } from './types.js';

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
