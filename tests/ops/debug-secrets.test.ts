// LOG_LEVEL=debug is what someone turns on during an incident and pastes into a ticket: the
// libraries' own debug lines must not carry any part of a token or a Slack response_url.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.js';
import type { Desk } from '../../src/desk.js';
import { createLogger } from '../../src/log.js';
import { TOKEN } from '../fakes/discord-payloads.js';
import { startFakeDiscord } from '../fakes/discord.js';
import { openTinyDesk, TINY_QUESTION } from '../fakes/tiny-seeds.js';
import { startHarness } from '../slack/harness.js';

let desk: Desk;
beforeAll(async () => {
  desk = await openTinyDesk();
});
afterAll(() => desk?.close());

describe('debug logs', () => {
  it('Discord: no part of DISCORD_TOKEN appears, though discord.js prints the first two parts', async () => {
    const fake = await startFakeDiscord();
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', secrets: [TOKEN], write: (l) => lines.push(l) });
    const discord = await startDiscord(desk, { token: TOKEN, apiUrl: fake.apiUrl }, log);
    try {
      // The line that used to leak is there, censored by us.
      expect(lines.some((l) => l.includes('Provided token'))).toBe(true);
      for (const part of TOKEN.split('.')) expect(lines.filter((l) => l.includes(part))).toEqual([]);
    } finally {
      await discord.stop();
      await fake.close();
    }
  });

  it('Slack (Socket Mode): payload dumps carry no response_url or verification token', async () => {
    const h = await startHarness('socket', { desk });
    try {
      const sent = await h.command({ text: TINY_QUESTION });
      const id = sent.response_url.split('/').pop();
      await vi.waitFor(() => expect(h.fake.responses.some((r) => r.id === id)).toBe(true), { timeout: 5000 });
      // Bolt dumped the payload at debug level: the dump is there, without the credentials.
      expect(h.logs.some((l) => l.includes('"command":"/policy"') && l.includes('"response_url":"[redacted]"'))).toBe(true);
      expect(h.logs.filter((l) => l.includes(sent.response_url))).toEqual([]);
      expect(h.logs.filter((l) => l.includes('/response/'))).toEqual([]);
      expect(h.logs.filter((l) => l.includes('legacy-verification-token'))).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
