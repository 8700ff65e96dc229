// Slack gives a slash command 3 seconds for its acknowledgement, then shows the person an error.
// The ack comes first, whatever the answer costs: an answer taking longer than 3 s still arrives
// (through the response_url), and Slack never sees the 404 Bolt sends for a missed ack.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Desk } from '../../src/desk.js';
import type { Incoming, Reply } from '../../src/types.js';
import { commandBody, deliver, FORM } from '../fakes/slack-http.js';
import { slashCommand } from '../fakes/slack-payloads.js';
import { openTinyDesk, TINY_QUESTION } from '../fakes/tiny-seeds.js';
import { startHarness, type Harness } from './harness.js';

let desk: Desk;
let h: Harness;
beforeAll(async () => {
  desk = await openTinyDesk();
  const slow = (d: Desk): Desk => ({
    ...d,
    handle: (incoming: Incoming) => new Promise<Reply>((resolve) => setTimeout(() => resolve(d.handle(incoming)), 3500)),
  });
  h = await startHarness('http', { desk, wrap: slow });
});
afterAll(async () => {
  await h?.close();
  desk?.close();
});

describe('Slack HTTP mode: the 3-second ack', () => {
  it('acks a command at once even when its answer takes longer than Slack waits, and the answer still arrives', async () => {
    const payload = slashCommand(h.fake, { text: TINY_QUESTION });
    const res = await deliver(h.eventsUrl!, commandBody(payload), FORM);
    expect(res.status).toBe(200);
    // The ack went back before the answer existed.
    expect(h.fake.responses).toEqual([]);
    const id = payload.response_url.split('/').pop();
    await vi.waitFor(() => expect(h.fake.responses.find((r) => r.id === id)?.body.text).toContain('quokka'), { timeout: 8000 });
    expect(h.logs.filter((l) => /not acknowledged/.test(l))).toEqual([]);
  });
});
