// HTTP mode only: Slack's signature is the one thing standing between the internet and the bot.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { slashCommand } from '../fakes/slack-payloads.js';
import { commandBody, deliver, FORM, signature, SIGNING_SECRET } from '../fakes/slack-http.js';
import { startHarness, type Harness } from './harness.js';

describe('Slack HTTP mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('http');
  });
  afterAll(async () => {
    await h?.close();
  });

  const questionsLogged = async () => (await h.desk.store.questionsSince(new Date(0))).map((q) => q.question);
  const command = (text: string) => {
    const payload = slashCommand(h.fake, { text });
    return { payload, body: commandBody(payload) };
  };

  it('listens on the port it was given (0 → any free port) and says so', () => {
    expect(h.slack.port).toBeGreaterThan(0);
  });

  it('rejects forged, unsigned and stale requests with 401 before any handler runs', async () => {
    const forged = command('forged question');
    const unsigned = command('unsigned question');
    const stale = command('stale question');
    const wrongSecret = command('wrong secret question');

    expect((await deliver(h.eventsUrl!, forged.body, FORM, { signature: 'v0=' + '0'.repeat(64) })).status).toBe(401);
    expect((await deliver(h.eventsUrl!, unsigned.body, FORM, { unsigned: true })).status).toBe(401);
    expect((await deliver(h.eventsUrl!, stale.body, FORM, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    expect((await deliver(h.eventsUrl!, wrongSecret.body, FORM, { secret: 'not-' + SIGNING_SECRET })).status).toBe(401);

    // A properly signed request after them is answered: by then the rejected ones would have been too.
    const good = command('help');
    expect((await deliver(h.eventsUrl!, good.body, FORM)).status).toBe(200);
    const goodId = good.payload.response_url.split('/').pop();
    await vi.waitFor(() => expect(h.fake.responses.map((r) => r.id)).toContain(goodId), { timeout: 5000 });

    expect(h.fake.responses.map((r) => r.id)).toEqual([goodId]);
    expect(await questionsLogged()).not.toContain('forged question');
    expect(await questionsLogged()).not.toContain('unsigned question');
    expect(await questionsLogged()).not.toContain('stale question');
    expect(await questionsLogged()).not.toContain('wrong secret question');
  });

  it('answers a body tampered with after signing with 401', async () => {
    const original = command('help');
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = signature(SIGNING_SECRET, timestamp, original.body);
    const tampered = original.body.replace('text=help', 'text=sources');
    expect((await deliver(h.eventsUrl!, tampered, FORM, { timestamp, signature: signed })).status).toBe(401);
  });

  it('serves /healthz on the same port', async () => {
    const res = await fetch(`http://127.0.0.1:${h.slack.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, slack: { connected: true } });
  });
});
