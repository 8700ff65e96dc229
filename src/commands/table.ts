// The command table: one static list of what Policy Desk understands. Help, the terminal's
// completion and Discord's /policy registration are all read from it.

import type { CommandSpec, Reply } from '../types.js';
import { exampleOf, type Command, type CommandContext, type MessageIncoming } from './context.js';
import type { Outcome } from '../store.js';
import { answerQuestion } from '../answer/ask.js';
import { cleanText, truncationNote } from './clean.js';
import { notice } from '../reply.js';
import { helpReply, searchReply, sourcesReply } from './basic.js';
import { catalogCard, catalogList, compareReply, attachCard, catalogExample, compareExample, shortName } from './catalog.js';
import { digestCommand } from './digest.js';
import { structureAnswer } from './structure.js';
import { FIRST_QUESTION, smallTalk, smallTalkReply } from './small-talk.js';

export type { Command, CommandContext, MessageIncoming } from './context.js';
export { exampleOf } from './context.js';

export const COMMAND_TABLE: readonly Command[] = [
  {
    name: 'ask',
    summary: 'Answer a question from the documents, quoting the passage it comes from. Any text that is not another command is a question.',
    usage: 'ask <question>',
    example: (ctx) => askExample(ctx),
    takesArgument: true,
    run: (q, ctx) => ask(q, ctx),
  },
  {
    name: 'search',
    summary: 'The five best passages for some words, ranked, each cited.',
    usage: 'search <words>',
    example: 'search recruitment fees',
    takesArgument: true,
    run: (words, ctx) => searchReply(words, ctx),
  },
  {
    name: 'convention',
    summary: 'A convention or instrument: what it is, its year, and every passage that mentions it.',
    usage: 'convention <number or name>',
    example: (ctx) => catalogExample(ctx, 'convention', ['convention']),
    takesArgument: true,
    run: (name, ctx) => catalogCard(name, ['convention'], ctx),
  },
  {
    name: 'programme',
    summary: 'A programme, project or body the documents describe, and every passage that mentions it.',
    usage: 'programme <name>',
    example: (ctx) => catalogExample(ctx, 'programme', ['programme']),
    takesArgument: true,
    run: (name, ctx) => catalogCard(name, ['programme', 'organisation'], ctx),
  },
  {
    name: 'issue',
    summary: 'One of the key issues, by number or name, and the passages about it.',
    usage: 'issue <number or name>',
    example: (ctx) => catalogExample(ctx, 'issue', ['issue']),
    takesArgument: true,
    run: (name, ctx) => catalogCard(name, ['issue'], ctx),
  },
  {
    name: 'compare',
    summary: 'Two entries side by side: what each is, its year, what the documents say, where they appear together.',
    usage: 'compare <a> and <b>',
    example: (ctx) => compareExample(ctx),
    takesArgument: true,
    run: (pair, ctx) => compareReply(pair, ctx),
  },
  { name: 'issues', summary: 'The key issues the documents set out.', usage: 'issues', takesArgument: false, run: (_, ctx) => catalogList(['issue'], 'Key issues', ctx) },
  { name: 'conventions', summary: 'The conventions and instruments the documents name.', usage: 'conventions', takesArgument: false, run: (_, ctx) => catalogList(['convention'], 'Conventions and instruments', ctx) },
  { name: 'programmes', summary: 'The programmes, projects and bodies the documents describe.', usage: 'programmes', takesArgument: false, run: (_, ctx) => catalogList(['programme', 'organisation'], 'Programmes, projects and bodies', ctx) },
  {
    name: 'digest',
    summary: "Today's digest: the focus of the day, what the team asked, feedback on answers and what changed in the documents. Shown to you, not posted.",
    usage: 'digest',
    takesArgument: false,
    run: (_, ctx) => digestCommand(ctx),
  },
  { name: 'sources', summary: 'The documents indexed, with their sections and passage counts.', usage: 'sources', takesArgument: false, run: (_, ctx) => sourcesReply(ctx) },
  { name: 'reload', summary: 'Re-read the documents folder now (changes are also picked up on their own).', usage: 'reload', takesArgument: false, run: (_, ctx) => reloadCommand(ctx) },
  { name: 'help', summary: 'This list.', usage: 'help', takesArgument: false, run: (_, ctx) => helpReply(COMMAND_TABLE, ctx) },
];

/** The table as plain data, for help screens and platform command registration. */
export const COMMANDS: readonly CommandSpec[] = COMMAND_TABLE.map(({ name, summary, usage, example }) => ({ name, summary, usage, ...(typeof example === 'string' ? { example } : {}) }));

const ALIASES: Record<string, string> = { '?': 'help', commands: 'help', find: 'search', program: 'programme', programs: 'programmes', documents: 'sources', docs: 'sources' };

export interface RunOptions {
  /** Record the question in the log (false when re-running one, e.g. to share it). */
  log?: boolean;
}

/** A typed message → the command it names (or a question) → its reply. */
export async function runMessage(incoming: MessageIncoming, ctx: CommandContext, options: RunOptions = {}): Promise<Reply> {
  const clean = cleanText(incoming.text);
  if (!clean.text) return helpReply(COMMAND_TABLE, ctx, 'Ask a question about the documents, or use one of these commands.');
  let { command, argument } = parseCommand(clean.text);
  if (command.takesArgument && !argument) {
    if (command.name === 'ask') return helpReply(COMMAND_TABLE, ctx, 'Ask a question about the documents, or use one of these commands.');
    return usageReply(command, ctx);
  }
  // "hello there", "thanks!": a friendly word, not a question (and so not logged as one).
  const talk = command.name === 'ask' ? smallTalk(argument) : undefined;
  if (talk) return smallTalkReply(talk);
  const message = { ...incoming, text: clean.text };
  let reply = await command.run(argument, ctx, message);
  if (!reply) {
    // "issue of brain drain in Africa" names no entry: it is a question that starts with a command word.
    command = COMMAND_TABLE[0]!;
    reply = (await command.run(clean.text, ctx, message))!;
  }
  const withNotes = { ...reply, notes: [...truncationNote(clean), ...reply.notes] };
  if (command.name === 'ask' && options.log !== false) return logQuestion(withNotes, incoming, ctx);
  return withNotes;
}

export function parseCommand(text: string): { command: Command; argument: string } {
  // "help", "/help", "Help!", "sources?", "search: remittances".
  const match = /^[/!]?(\?|\p{L}+)[?!.:,]*(?:\s+([\s\S]*))?$/u.exec(text);
  const word = match?.[1]?.toLowerCase();
  const name = word ? (ALIASES[word] ?? word) : undefined;
  const command = COMMAND_TABLE.find((c) => c.name === name);
  const rest = (match?.[2] ?? '').trim();
  if (command) {
    // "sources" is the command; "sources of remittance data?" is a question.
    if (command.takesArgument || !rest || rest === '?') return { command, argument: command.takesArgument ? rest : '' };
  }
  return { command: COMMAND_TABLE[0]!, argument: text };
}

function usageReply(command: Command, ctx: CommandContext): Reply {
  const example = exampleOf(command, ctx);
  return notice('help', `Usage: ${command.usage}`, `${command.summary}${example ? ` For example: ${example}` : ''}`);
}

/** A question these documents answer: what the first convention of the catalog is, or else their key issues (their headings). */
function askExample(ctx: CommandContext): string {
  const convention = ctx.library.catalog.entries.find((e) => e.kind === 'convention');
  return convention ? `What is ${shortName(convention)}?` : FIRST_QUESTION;
}

function ask(question: string, ctx: CommandContext): Reply {
  const structural = structureAnswer(question, ctx);
  if (structural) return structural;
  const reply = answerQuestion(question, ctx.library.index, ctx.library.catalog);
  return attachCard(question, reply, ctx);
}

async function logQuestion(reply: Reply, incoming: MessageIncoming, ctx: CommandContext): Promise<Reply> {
  try {
    // Waits briefly at most: the store retries a slow write in the background (no id on the reply then).
    const questionId = await ctx.store.logQuestion({
      platform: incoming.platform,
      user: incoming.user,
      channel: incoming.channel,
      question: reply.question ?? incoming.text,
      answered: reply.answered,
      topPassageId: reply.citations[0]?.id,
      edition: ctx.library.edition.hash,
      audience: incoming.audience ?? 'private',
      outcome: outcomeOf(reply),
      at: ctx.now(),
    });
    return questionId === undefined ? reply : { ...reply, questionId };
  } catch (err) {
    // The person still gets the answer; only the log line is lost.
    ctx.log.error('question log write failed', { err });
    return reply;
  }
}

/** The reply's confidence (answer / closest / not covered) when it gives one, else what `answered` implies. */
function outcomeOf(reply: Reply): Outcome {
  return reply.confidence ?? (reply.answered ? 'high' : 'none');
}

async function reloadCommand(ctx: CommandContext): Promise<Reply> {
  if (!ctx.reload) return notice('error', 'Reload is not available here', 'This desk was not opened from a documents folder.');
  const result = await ctx.reload();
  const text = `${result.documents} document${result.documents === 1 ? '' : 's'}, ${result.passages} passages, edition ${result.edition.hash}.`;
  return notice('ack', result.changed ? 'Documents reloaded' : 'Documents unchanged', text, { notes: result.problems, edition: result.edition });
}
