// Stopping while answers are being written: answers that finish within the drain time reach the
// person; one that hangs past it is given up on, and the log says how many, per platform.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.js';
import { startSlack } from '../../adapters/slack/index.js';
import type { Desk } from '../../src/desk.js';
import { createLogger } from '../../src/log.js';
import type { Incoming, Reply } from '../../src/types.js';
import { IDS, TOKEN, userMessage } from '../fakes/discord-payloads.js';
import { startFakeDiscord } from '../fakes/discord.js';
import { APP_TOKEN, BOT_TOKEN, startFakeSlack } from '../fakes/slack.js';
import { slashCommand } from '../fakes/slack-payloads.js';
import { openTinyDesk, TINY_QUESTION } from '../fakes/tiny-seeds.js';

let real: Desk;
beforeAll(async () => {
  real = await openTinyDesk();
});
afterAll(() => real?.close());

/** The real desk, except that a question containing STALL never gets its answer and SLOW takes 300 ms. */
let started = 0;
function stallingDesk(): Desk {
  return {
    ...real,
    handle: (incoming: Incoming): Promise<Reply> => {
      started += 1;
      const text = incoming.type === 'message' ? incoming.text : '';
      if (text.includes('STALL')) return new Promise<Reply>(() => {});
      if (text.includes('SLOW')) return new Promise((resolve) => setTimeout(() => resolve(real.handle(incoming)), 300));
      return real.handle(incoming);
    },
  };
}

function capture() {
  const lines: Array<Record<string, any>> = [];
  return { lines, log: createLogger({ level: 'info', format: 'json', write: (l) => lines.push(JSON.parse(l)) }) };
}

describe('shutdown drain', () => {
  it('Slack: a slow answer is delivered before stopping; a hung one is dropped after the drain time, and counted', async () => {
    const fake = await startFakeSlack();
    const { lines, log } = capture();
    const slack = await startSlack(stallingDesk(), { botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: fake.apiUrl, host: '127.0.0.1', port: 0 }, log, { drainMs: 1500 });
    try {
      const slow = slashCommand(fake, { text: `SLOW ${TINY_QUESTION}` });
      await fake.push('slash_commands', slashCommand(fake, { text: 'STALL what about permits?' }));
      await fake.push('slash_commands', slow);
      const started = Date.now();
      await slack.stop();
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
      expect(fake.responses.map((r) => r.id)).toEqual([slow.response_url.split('/').pop()]);
      const dropped = lines.filter((l) => /dropped/.test(l.msg));
      expect(dropped).toEqual([expect.objectContaining({ level: 'warn', platform: 'slack', dropped: 1, msg: expect.stringMatching(/^Slack stopped with answers still being written/) })]);
    } finally {
      await slack.stop();
      await fake.close();
    }
  });

  it('Discord: stopping no longer waits for ever on a hung answer; it says how many were dropped', async () => {
    const fake = await startFakeDiscord();
    const { lines, log } = capture();
    const discord = await startDiscord(stallingDesk(), { token: TOKEN, apiUrl: fake.apiUrl, guildId: IDS.guild }, log, { drainMs: 1500 });
    try {
      const hung = userMessage({ content: 'STALL what about permits?', dm: true });
      const slow = userMessage({ content: `SLOW ${TINY_QUESTION}`, dm: true });
      fake.dispatch('MESSAGE_CREATE', hung);
      fake.dispatch('MESSAGE_CREATE', slow);
      // Both are being answered before the stop begins.
      const before = started;
      await vi.waitFor(() => expect(started - before).toBe(2), { timeout: 5000 });
      await discord.stop();
      const replies = fake.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${IDS.dm}/messages`);
      expect(replies.map((c) => c.body.message_reference?.message_id)).toEqual([slow.id]);
      const dropped = lines.filter((l) => /dropped/.test(l.msg));
      expect(dropped).toEqual([expect.objectContaining({ level: 'warn', platform: 'discord', dropped: 1, msg: expect.stringMatching(/^Discord stopped with answers still being written/) })]);
    } finally {
      await discord.stop();
      await fake.close();
    }
  });
});
