// npm run ask -- "question" [--json]: one answer and exit. With no question, every line of
// standard input is a question, answered in order, one output per line (batch mode).

import readline from 'node:readline';
import { boot, startupFailure } from '../../src/boot.js';
import type { Desk } from '../../src/desk.js';
import { renderOneLine, renderText } from './render.js';
import { toJson } from '../reply-json.js';
import { PLATFORMS } from '../platforms.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const question = args.filter((a) => a !== '--json').join(' ');

// Unless LOG_LEVEL says otherwise, warnings (a skipped seed file) would be noise in a script's pipeline.
// Every platform's variables are checked too: a broken .env fails here as it would for npm start.
const booted = await boot({ defaultLogLevel: 'error', platforms: PLATFORMS }).catch(startupFailure);
const { desk } = booted;

async function answer(text: string, oneLine: boolean): Promise<string> {
  const reply = await desk.handle({ type: 'message', text, platform: 'cli', user: 'script', audience: 'private' });
  if (json) return JSON.stringify(toJson(reply, text));
  return oneLine ? renderOneLine(reply) : renderText(reply);
}

async function batch(d: Desk): Promise<void> {
  const lines = readline.createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    if (!line.trim()) continue;
    process.stdout.write((await answer(line, true)) + '\n');
  }
  // A first run saves the index it built, so the next one starts from it.
  await d.idle();
  await d.close();
}

if (question.trim()) {
  process.stdout.write((await answer(question, false)) + '\n');
  await desk.idle();
  await desk.close();
} else if (process.stdin.isTTY) {
  process.stderr.write('Usage: npm run ask -- "your question" [--json]\n   or: some-command | npm run ask [-- --json]   (one question per line)\n');
  await desk.close();
  process.exit(2);
} else {
  await batch(desk);
}
