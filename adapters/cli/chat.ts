// The terminal chat: a readline prompt in front of desk.handle, like Errbot's console backend.

import readline from 'node:readline';
import type { Desk } from '../../src/desk.js';
import { renderText } from './render.js';

const EXIT_WORDS = new Set(['exit', 'quit', ':q']);

export interface ChatOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** One line shown above the first prompt (which platforms are on). */
  banner?: string;
}

/** Runs until the person types exit or closes the input (Ctrl-D). */
export function runChat(desk: Desk, options: ChatOptions = {}): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = (input as NodeJS.ReadStream).isTTY === true;
  const names = desk.commands.map((c) => c.name);
  const rl = readline.createInterface({
    input,
    output,
    terminal: interactive,
    completer: (line: string) => {
      const hits = names.filter((n) => n.startsWith(line.trim().toLowerCase()));
      return [hits.length ? hits : names, line];
    },
  });
  const say = (text: string) => output.write(text + '\n');
  const stats = desk.stats();
  say(`Policy Desk: ${stats.passages} passages from ${stats.documents} document${stats.documents === 1 ? '' : 's'}. Ask a question, "help" for commands, "exit" or Ctrl-D to leave.`);
  if (options.banner) say(options.banner);
  rl.setPrompt('policy> ');
  rl.prompt();

  // Lines are answered one at a time, in order, even when pasted or piped in all at once.
  let queue = Promise.resolve();
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      queue = queue.then(async () => {
        const text = line.trim();
        if (EXIT_WORDS.has(text.toLowerCase())) {
          rl.close();
          return;
        }
        if (text) {
          const reply = await desk.handle({ type: 'message', text, platform: 'cli', user: 'terminal', audience: 'private' });
          say('\n' + renderText(reply) + '\n');
        }
        rl.prompt();
      });
    });
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      void queue.then(() => {
        if (interactive) say('');
        resolve();
      });
    });
  });
}
