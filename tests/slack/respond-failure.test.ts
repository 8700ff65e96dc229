// Slack's response_url failing (an outage, an expired URL): the failure is logged once with an
// error id and without the URL (it can post as the app), nothing crashes, and the next command
// is answered as usual.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Desk } from '../../src/desk.js';
import { openTinyDesk, TINY_QUESTION } from '../fakes/tiny-seeds.js';
import { startHarness, type Harness } from './harness.js';

let desk: Desk;
let h: Harness;
beforeAll(async () => {
  desk = await openTinyDesk();
  h = await startHarness('socket', { desk });
});
afterAll(async () => {
  await h?.close();
  desk?.close();
});

describe('Slack: response_url failing', () => {
  it('logs one error with an id and no URL, then answers the next command', async () => {
    h.fake.responseUrlStatus = 500;
    const before = h.logs.length;
    const sent = await h.command({ text: TINY_QUESTION });
    const id = sent.response_url.split('/').pop();
    // The answer, then the apology: both refused.
    await vi.waitFor(() => expect(h.fake.responses.filter((r) => r.id === id)).toHaveLength(2), { timeout: 5000 });
    await vi.waitFor(() => expect(h.logs.slice(before).some((l) => l.includes('could not deliver the apology'))).toBe(true), { timeout: 5000 });
    const failures = h.logs.slice(before).filter((l) => / (warn|error) /.test(l));
    expect(failures).toEqual([
      expect.stringMatching(/error Slack command failed .*errorId=E-[0-9A-F]{8}/),
      expect.stringMatching(/warn {2}could not deliver the apology on Slack .*errorId=E-[0-9A-F]{8}/),
    ]);
    expect(h.logs.filter((l) => l.includes(sent.response_url))).toEqual([]);

    h.fake.responseUrlStatus = undefined;
    const next = await h.command({ text: TINY_QUESTION });
    await vi.waitFor(() => expect(h.fake.responses.some((r) => r.id === next.response_url.split('/').pop() && r.status === 200)).toBe(true), { timeout: 5000 });
  });
});
