// What a person types and what a document says show as written in Slack: their asterisks,
// underscores, tildes and backticks neither break the bot's own formatting nor format anything.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import type { Reply } from '../../src/types.js';
import { startHarness, type Harness } from './harness.js';

const MARKS = /[*_~`]/;
let dir: string;
let desk: Desk;
let h: Harness;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-desk-mrkdwn-'));
  fs.writeFileSync(
    path.join(dir, 'seasonal.md'),
    '# Seasonal work note\n\n## Permits\n\nThe *fast-track* permit_type covers ~90 days of `orchard` work for seasonal pickers.\n',
  );
  desk = await openDesk({ seedsDir: dir, dataDir: ':memory:' });
  h = await startHarness('socket', { desk });
});
afterAll(async () => {
  await h?.close();
  desk?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every mrkdwn string in a message: the fallback and each section and context element. */
function texts(message: { text?: string; blocks?: any[] }): string[] {
  const out = [message.text ?? ''];
  for (const b of message.blocks ?? []) {
    if (b.type === 'section') out.push(b.text.text);
    if (b.type === 'context') out.push(...b.elements.map((e: any) => e.text));
  }
  return out;
}

describe('Slack formatting marks in user and document text', () => {
  it('a question with *, _, ~ and backticks keeps the bold title whole, and the quote shows as written', async () => {
    const question = 'What does the *fast-track* permit_type cover for ~seasonal `orchard` pickers?';
    const sent = await h.command({ text: question });
    const id = sent.response_url.split('/').pop();
    const answer = await vi.waitFor(() => h.fake.responses.find((r) => r.id === id)!.body, { timeout: 5000 });
    const all = texts(answer);

    // Our own bold marks pair up; none of the person's marks sits between them.
    const title = all.find((t) => t.includes('fast') && t.startsWith('*'));
    expect(title, all.join('\n')).toBeDefined();
    expect(title!.slice(1, -1)).not.toMatch(MARKS);
    expect(title!.endsWith('*')).toBe(true);

    // The document's sentence, quoted word for word, carries no live formatting mark either.
    const quote = all.find((t) => t.includes('\n>') || t.startsWith('>'));
    expect(quote, all.join('\n')).toBeDefined();
    const quoted = quote!.split('\n').filter((l) => l.startsWith('>')).join(' ');
    expect(quoted).toContain('fast-track');
    expect(quoted).not.toMatch(MARKS);
    // Only our own markup is left: bold pairs at the start of a line, nothing else.
    for (const t of all) expect(t.replace(/^\*[^*\n]+\*/gm, '')).not.toMatch(MARKS);
  });

  it('a digest posted to a channel shows a quoted question without formatting it', async () => {
    const digest: Reply = {
      kind: 'digest',
      title: 'Policy Desk digest',
      text: 'Questions the documents did not cover:',
      citations: [],
      fields: [{ name: 'Not covered', value: '*urgent* what about _visa_ ~fees~ `now`?' }],
      notes: [],
      answered: false,
    };
    await h.slack.post('C0DIGEST', digest);
    const post = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0DIGEST')!;
    expect(post.result.ok).toBe(true);
    const all = texts(post.args);
    expect(all.join('\n')).toContain('urgent');
    for (const t of all) expect(t.replace(/^\*[^*\n]+\*/gm, '')).not.toMatch(MARKS);
  });
});
