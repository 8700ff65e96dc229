// The two systems the evaluation compares: Policy Desk's answer path, and a plain MiniSearch
// index with default options over the same passages.

import MiniSearch from 'minisearch';
import type { Library } from '../../src/desk.js';
import type { Passage } from '../../src/corpus/types.js';
import { answerQuestion, rankPassages, DEFAULT_ANSWER_OPTIONS, type AnswerOptions } from '../../src/answer/ask.js';
import type { SystemAnswer } from './metrics.js';

export function policyDesk(library: Library, options: AnswerOptions = DEFAULT_ANSWER_OPTIONS): (q: string) => SystemAnswer {
  return (q) => {
    const reply = answerQuestion(q, library.index, library.catalog, options);
    const { ranked } = rankPassages(q, library.index, library.catalog, options);
    const texts = ranked.map((r) => r.passage.text);
    if (!reply.answered) return { ranked: texts, answered: false };
    const best = reply.citations[0]!.passage;
    return { ranked: [best, ...texts.filter((t) => t !== best)], answered: true };
  };
}

export function plainMiniSearch(passages: readonly Passage[]): { index: MiniSearch; system: (q: string) => SystemAnswer } {
  const index = new MiniSearch({ fields: ['text', 'section', 'document'] });
  index.addAll(passages.map((p, id) => ({ id, text: p.text, section: p.section, document: p.document })));
  return {
    index,
    system: (q) => {
      const results = index.search(q).slice(0, 10);
      return { ranked: results.map((r) => passages[r.id as number]!.text), answered: results.length > 0 };
    },
  };
}
