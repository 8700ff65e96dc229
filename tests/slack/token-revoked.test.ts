// The bot token revoked while Policy Desk runs (the app removed from the workspace, the token
// rotated): every reply fails from then on. Said once, naming SLACK_BOT_TOKEN, and in /healthz.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import { healthReport } from '../../src/health.js';
import { mention } from '../fakes/slack-payloads.js';
import { tinySeeds, TINY_QUESTION } from '../fakes/tiny-seeds.js';
import { startHarness, type Harness } from './harness.js';

const seeds = tinySeeds();
let desk: Desk;
let h: Harness;
beforeAll(async () => {
  desk = await openDesk({ seedsDir: seeds.dir, dataDir: ':memory:' });
  h = await startHarness('socket', { desk });
});
afterAll(async () => {
  await h?.close();
  desk?.close();
  seeds.remove();
});

const health = () => healthReport({ desk, platforms: [{ name: 'slack', status: h.slack.status() }], now: new Date() });

describe('Slack: the bot token revoked mid-run', () => {
  it('reports Slack as degraded and logs one error naming SLACK_BOT_TOKEN, however many replies fail', async () => {
    expect(health().body.platforms).toMatchObject({ slack: { state: 'connected' } });
    h.fake.revokeBotToken();
    for (const channel of ['C0REVOKE1', 'C0REVOKE2', 'C0REVOKE3']) {
      await h.event(mention({ text: `<@UBOT0001> ${TINY_QUESTION}`, channel }));
      await vi.waitFor(() => expect(h.logs.some((l) => l.includes('Slack message failed') && l.includes(channel))).toBe(true), { timeout: 5000 });
    }
    const named = h.logs.filter((l) => / error /.test(l) && l.includes('SLACK_BOT_TOKEN'));
    expect(named).toEqual([expect.stringMatching(/error Slack rejected SLACK_BOT_TOKEN \(token_revoked\)/)]);

    const report = health();
    expect(report.status).toBe(503);
    expect(report.body).toMatchObject({ ok: false, down: ['slack'], platforms: { slack: { state: 'degraded', reason: expect.stringMatching(/SLACK_BOT_TOKEN/) } } });
  });
});
