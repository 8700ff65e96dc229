// The replies of the plain commands: help, search and sources.

import type { Reply } from '../types.js';
import { exampleOf, type Command, type CommandContext } from './context.js';
import { rankPassages, DEFAULT_ANSWER_OPTIONS } from '../answer/ask.js';
import { citePassage } from '../reply.js';

export const SEARCH_RESULTS = 5;

export function helpReply(commands: readonly Command[], ctx: CommandContext, intro?: string): Reply {
  return {
    kind: 'help',
    title: 'Policy Desk: what you can ask',
    text: intro ?? 'Ask any question about the documents and get the passage that answers it, quoted and cited. Or use a command:',
    citations: [],
    fields: commands.map((c) => {
      const example = exampleOf(c, ctx);
      return { name: c.usage, value: example && example !== c.usage ? `${c.summary} Example: ${example}` : c.summary };
    }),
    notes: [],
    answered: false,
  };
}

export function searchReply(words: string, ctx: CommandContext): Reply {
  const { ranked } = rankPassages(words, ctx.library.index, ctx.library.catalog, { ...DEFAULT_ANSWER_OPTIONS, rerankDepth: SEARCH_RESULTS * 2 });
  const top = ranked.slice(0, SEARCH_RESULTS);
  return {
    kind: 'list',
    title: `Search: ${words}`,
    text: top.length ? `The ${top.length === 1 ? 'best passage' : `${top.length} best passages`} for "${words}", best first.` : `No passage matches "${words}". Try other words, or ask a question.`,
    citations: top.map((r) => citePassage(r.passage, 'result', r.quote.text)),
    fields: [],
    notes: [],
    answered: top.length > 0,
    question: words,
  };
}

export function sourcesReply(ctx: CommandContext): Reply {
  const { corpus } = ctx.library;
  return {
    kind: 'list',
    title: 'Sources',
    text: `${corpus.documents.length} document${corpus.documents.length === 1 ? '' : 's'}, ${corpus.passages.length} passages indexed.`,
    citations: [],
    fields: corpus.documents.map((d) => ({
      name: d.title,
      value: [
        [d.publisher, d.year, d.file, d.pages ? `${d.pages} pages` : undefined].filter(Boolean).join(' · '),
        ...d.sections.map((s) => `${s.path} (${s.passages})`),
      ].join('\n'),
    })),
    notes: corpus.warnings,
    answered: false,
  };
}
