// Building the simplest replies: a message with a title and no passages.

import type { Reply } from './types.js';

export function notice(kind: Reply['kind'], title: string, text: string, extra: Partial<Reply> = {}): Reply {
  return { kind, title, text, citations: [], fields: [], notes: [], answered: false, ...extra };
}
