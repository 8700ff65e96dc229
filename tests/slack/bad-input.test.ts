// Requests Slack would never send, signed with the right secret all the same (a leaked secret, a
// replay, a proxy that mangles bodies): refused as bad input, with a 4xx and one warning line,
// never a 500, a stack trace, a crash or an answer.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Desk } from '../../src/desk.js';
import { slashCommand } from '../fakes/slack-payloads.js';
import { commandBody, deliver, FORM, interactionBody } from '../fakes/slack-http.js';
import { openTinyDesk, TINY_QUESTION } from '../fakes/tiny-seeds.js';
import { startHarness, type Harness } from './harness.js';

let desk: Desk;
beforeAll(async () => {
  desk = await openTinyDesk();
});
afterAll(() => desk?.close());

const questionsLogged = async () => (await desk.store.questionsSince(new Date(0))).map((q) => q.question);
const now = () => Math.floor(Date.now() / 1000);

describe('Slack HTTP mode: bad input', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('http', { desk });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Sends a body and returns the status and the warning and error lines it caused. */
  const send = async (body: string, o: Parameters<typeof deliver>[3] = {}) => {
    const before = h.logs.length;
    const res = await deliver(h.eventsUrl!, body, FORM, o);
    await new Promise((r) => setTimeout(r, 50));
    const lines = h.logs.slice(before).filter((l) => / (warn|error) /.test(l));
    return { status: res.status, lines };
  };
  const command = (text: string) => slashCommand(h.fake, { text });

  it('refuses a validly signed request stamped more than 5 minutes in the future with 401', async () => {
    for (const [label, ahead] of [['+10 minutes', 600], ['+1 day', 86_400], ['+10 years', 10 * 365 * 86_400]] as const) {
      const payload = command(`future ${label} ${TINY_QUESTION}`);
      const sent = await send(commandBody(payload), { timestamp: now() + ahead });
      expect(sent.status, label).toBe(401);
      expect(sent.lines, label).toEqual([expect.stringMatching(/warn {2}refused a Slack request dated in the future \(401\)/)]);
    }
    // Slack's and our clocks may differ a little: inside the window either way is fine, just
    // outside it either way is not (Bolt refuses the past, the guard the future).
    for (const offset of [290, -290]) {
      const skewed = command(TINY_QUESTION);
      expect((await send(commandBody(skewed), { timestamp: now() + offset })).status, `${offset} s`).toBe(200);
      await vi.waitFor(() => expect(h.fake.responses.some((r) => r.id === skewed.response_url.split('/').pop())).toBe(true), { timeout: 5000 });
    }
    for (const offset of [310, -310]) {
      expect((await send(commandBody(command(`future ${offset}`)), { timestamp: now() + offset })).status, `${offset} s`).toBe(401);
    }
    expect((await questionsLogged()).filter((q) => q.startsWith('future'))).toEqual([]);
  });

  it('answers 400 with one warning line to payloads Slack never sends, and keeps answering', async () => {
    const clickWithoutUser = interactionBody({
      type: 'block_actions',
      team: { id: 'T0000001' },
      api_app_id: 'A0000001',
      actions: [{ type: 'button', action_id: 'policy_desk_helpful', value: '1', action_ts: '1' }],
      response_url: h.fake.responseUrl(),
    });
    const withoutResponseUrl = (() => {
      const { response_url: _gone, ...rest } = command(`no response url ${TINY_QUESTION}`);
      return commandBody(rest);
    })();
    const cases: Array<[string, string]> = [
      ['a click with no user', clickWithoutUser],
      ['payload=null', interactionBody(null)],
      ['payload=[]', interactionBody([])],
      ['payload=42', interactionBody(42)],
      ['a command without response_url', withoutResponseUrl],
    ];
    const seen = h.logs.length;
    // Payloads of no type any listener takes: Bolt answers them only when its 3 s ack timer runs out.
    const unknown = [interactionBody({}), interactionBody({ type: 'block_actions' })].map((body) => deliver(h.eventsUrl!, body, FORM));
    for (const [label, body] of cases) {
      const sent = await send(body);
      expect(sent.status, label).toBe(400);
      expect(sent.lines, label).toEqual([expect.stringMatching(/warn {2}refused a Slack request/)]);
    }
    for (const res of await Promise.all(unknown)) expect(res.status).toBe(404);
    await new Promise((r) => setTimeout(r, 300));
    // One line each: the refusals above, one per unknown payload, and no later "not acknowledged"
    // line for any of the refused ones (Bolt's timer finds them answered).
    const later = h.logs.slice(seen).filter((l) => / (warn|error) /.test(l));
    expect(later.filter((l) => /no listener took within 3 s/.test(l))).toHaveLength(unknown.length);
    expect(later).toHaveLength(cases.length + unknown.length);
    expect(h.logs.slice(seen).join('\n')).not.toMatch(/respond is not a function|    at /);
    expect(h.fake.responses.filter((r) => r.body.text?.includes('Something went wrong'))).toEqual([]);

    const good = command(TINY_QUESTION);
    expect((await send(commandBody(good))).status).toBe(200);
    await vi.waitFor(() => expect(h.fake.responses.some((r) => r.id === good.response_url.split('/').pop())).toBe(true), { timeout: 5000 });
  });

  describe('Slack HTTP mode: what Bolt already refuses still is, with the guard in front of it', () => {
    const post = (body: string, headers: Record<string, string>, type = FORM) =>
      fetch(h.eventsUrl!, { method: 'POST', headers: { 'content-type': type, ...headers }, body }).then((r) => r.status);
    const signed = (body: string) => deliver(h.eventsUrl!, body, FORM).then((r) => r.status);

    it('ssl_check=1 is answered without a signature and runs nothing; other values are verified', async () => {
      const smuggled = commandBody({ ...slashCommand(h.fake, { text: `smuggled ${TINY_QUESTION}` }), ssl_check: '1' });
      expect(await post(smuggled, {})).toBe(200);
      for (const value of ['0', 'true', '']) {
        expect(await post(commandBody({ ...slashCommand(h.fake, { text: `smuggled ${value}` }), ssl_check: value }), {}), value).toBe(401);
      }
      await new Promise((r) => setTimeout(r, 200));
      expect((await questionsLogged()).filter((q) => q.startsWith('smuggled'))).toEqual([]);
    });

    it('missing, garbled or unknown-scheme signature headers, and an unsigned url_verification, get 401', async () => {
      const body = commandBody(slashCommand(h.fake, { text: `garbled ${TINY_QUESTION}` }));
      const ts = String(now());
      expect(await post(body, { 'x-slack-request-timestamp': ts })).toBe(401);
      expect(await post(body, { 'x-slack-request-timestamp': 'Hello there!', 'x-slack-signature': 'v0=00' })).toBe(401);
      expect(await post(body, { 'x-slack-request-timestamp': ts, 'x-slack-signature': 'v1=' + '0'.repeat(64) })).toBe(401);
      expect(await post(JSON.stringify({ type: 'url_verification', challenge: 'x' }), {}, 'application/json')).toBe(401);
      expect((await questionsLogged()).filter((q) => q.startsWith('garbled'))).toEqual([]);
    });

    it('a body over 4 MB gets 413 without being read whole, and the next request is answered', async () => {
      const huge = `payload=${'x'.repeat(5 * 1024 * 1024)}`;
      const status = await post(huge, {});
      expect(status).toBe(413);
      const good = slashCommand(h.fake, { text: TINY_QUESTION });
      expect(await signed(commandBody(good))).toBe(200);
      await vi.waitFor(() => expect(h.fake.responses.some((r) => r.id === good.response_url.split('/').pop())).toBe(true), { timeout: 5000 });
    });
  });
});

describe('Slack Socket Mode: bad input', () => {
  it('a command without response_url, and a click without a user, are acked and logged as one warning each, not an error with a stack', async () => {
    const h = await startHarness('socket', { desk });
    try {
      const { response_url: _gone, ...payload } = slashCommand(h.fake, { text: TINY_QUESTION });
      const before = h.logs.length;
      const ack = await h.fake.push('slash_commands', payload);
      expect(ack.envelope_id).toBeTruthy();
      await new Promise((r) => setTimeout(r, 200));
      const lines = h.logs.slice(before).filter((l) => / (warn|error) /.test(l));
      expect(lines).toEqual([expect.stringMatching(/warn {2}ignored a Slack command without a response_url/)]);

      // A click Bolt cannot process is acked (or Slack would redeliver it) and is one warning too.
      const mark = h.logs.length;
      const clickAck = await h.fake.push('interactive', {
        type: 'block_actions',
        team: { id: 'T0000001' },
        actions: [{ type: 'button', action_id: 'policy_desk_helpful', value: '1', action_ts: '1' }],
        response_url: h.fake.responseUrl(),
      });
      expect(clickAck.envelope_id).toBeTruthy();
      const clickLines = h.logs.slice(mark).filter((l) => / (warn|error) /.test(l));
      expect(clickLines).toEqual([expect.stringMatching(/warn {2}ignored a Slack payload Policy Desk cannot read/)]);
    } finally {
      await h.close();
    }
  });

  it('an envelope whose payload is an array, null, a number or an event with no type is acked with one warning, and nothing goes unhandled', async () => {
    const h = await startHarness('socket', { desk });
    // @slack/socket-mode reads payload.event.type unchecked: before the guard each of these was an
    // unhandled rejection (the end of the process on Node 20) and an envelope never acked.
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const odd: Array<[Parameters<typeof h.fake.push>[0], unknown]> = [
        ['events_api', []],
        ['events_api', null],
        ['events_api', 'text'],
        ['events_api', { event: null }],
        ['events_api', { event: [] }],
        ['slash_commands', []],
        ['interactive', 42],
      ];
      const before = h.logs.length;
      for (const [type, payload] of odd) {
        const ack = await h.fake.push(type, payload as Record<string, unknown>);
        expect(ack.envelope_id, `${type} ${JSON.stringify(payload)}`).toBeTruthy();
      }
      await new Promise((r) => setTimeout(r, 200));
      const lines = h.logs.slice(before).filter((l) => / (warn|error) /.test(l));
      expect(lines).toHaveLength(odd.length);
      for (const line of lines) expect(line).toMatch(/warn {2}ignored a Slack payload Policy Desk cannot read/);
      expect(unhandled).toEqual([]);

      // And the bot still answers.
      await h.command({ text: TINY_QUESTION, channel: 'C0AFTER01' });
      await vi.waitFor(() => expect(h.fake.responses.length + h.fake.calls.filter((c) => c.method === 'chat.postMessage').length).toBeGreaterThan(0), { timeout: 5000 });
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await h.close();
    }
  });
});
