// The two systems the evaluation compares: Policy Desk as a user meets it (desk.handle), and a
// plain MiniSearch index with default options over the same passages.

import MiniSearch from 'minisearch';
import type { Desk } from '../../src/desk.js';
import type { Passage } from '../../src/corpus/types.js';
import type { Reply } from '../../src/types.js';
import { rankPassages } from '../../src/answer/ask.js';
import type { Outcome, System } from './metrics.js';

/** The reply's outcome; replies from before `confidence` existed have only `answered`. */
export function outcomeOf(reply: Reply): Outcome {
  const { confidence } = reply as { confidence?: unknown };
  if (confidence === 'high' || confidence === 'partial' || confidence === 'none') return confidence;
  return reply.answered ? 'high' : 'none';
}

export function policyDesk(desk: Desk): System {
  let asked = 0;
  return async (q) => {
    // A user per question: the evaluation measures answers, not the per-user rate limit.
    const reply = await desk.handle({ type: 'message', text: q, platform: 'test', user: `eval-${++asked}` });
    const outcome = outcomeOf(reply);
    const library = desk.library();
    // The passages the reply shows, in its order, then the rest of the ranking (for top-3 and MRR).
    const shown = reply.citations.map((c) => c.passage);
    const rest = rankPassages(q, library.index, library.catalog).ranked.map((r) => r.passage.text);
    return { ranked: [...new Set([...shown, ...rest])], outcome };
  };
}

export function plainMiniSearch(passages: readonly Passage[]): { index: MiniSearch; system: System } {
  const index = new MiniSearch({ fields: ['text', 'section', 'document'] });
  index.addAll(passages.map((p, id) => ({ id, text: p.text, section: p.section, document: p.document })));
  return {
    index,
    system: (q) => {
      const results = index.search(q).slice(0, 10);
      // It never refuses: whatever it returns is its answer.
      return { ranked: results.map((r) => passages[r.id as number]!.text), outcome: results.length > 0 ? 'high' : 'none' };
    },
  };
}
