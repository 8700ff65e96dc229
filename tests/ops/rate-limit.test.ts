// One person cannot flood Policy Desk: past the limit their questions get a short note that only
// they see, and are neither answered nor recorded (so the digest is unaffected). Through the real
// Bolt and discord.js clients against the fakes.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import { loadConfig, ConfigError } from '../../src/config.js';
import { tokenBucket } from '../../src/rate-limit.js';
import { BOT_USER_ID } from '../fakes/slack.js';
import { mention } from '../fakes/slack-payloads.js';
import { IDS, users } from '../fakes/discord-payloads.js';
import { startHarness as startSlack } from '../slack/harness.js';
import { startHarness as startDiscord } from '../discord/harness.js';
import { seedsWith } from '../catalog/helpers.js';

const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 5000, interval: 20 });
const DOCUMENT = '# Recruitment\n\n## Fees\n\nRecruitment agencies should not charge workers fees for finding them a job abroad.\n';
const QUESTION = 'Should agencies charge recruitment fees?';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function desk(perMinute: number, now?: () => Date): Promise<Desk> {
  const d = await openDesk({ seedsDir: seedsWith({ 'note.md': DOCUMENT }), dataDir: ':memory:', rateLimitPerMinute: perMinute, now });
  cleanup.push(() => d.close());
  return d;
}

describe('the token bucket', () => {
  it('lets a burst through, then one question per share of the minute, per key', () => {
    const limit = tokenBucket(3);
    expect([0, 1, 2].map((i) => limit.take('slack:U1', 1000 + i))).toEqual([0, 0, 0]);
    const wait = limit.take('slack:U1', 1003);
    expect(wait).toBeGreaterThan(19_000);
    expect(wait).toBeLessThanOrEqual(20_000);
    expect(limit.take('slack:U2', 1003)).toBe(0);
    expect(limit.take('slack:U1', 1003 + wait - 100)).toBeGreaterThan(0);
    expect(limit.take('slack:U1', 1003 + wait)).toBe(0);
    expect(limit.take('slack:U1', 1003 + wait)).toBeGreaterThan(0);
  });
});

describe('the core', () => {
  it('answers the limit, then a private note naming when to try again; nothing past the limit is recorded', async () => {
    let at = new Date('2026-04-06T09:00:00Z');
    const d = await desk(3, () => at);
    const ask = (user: string, platform: 'slack' | 'discord' | 'cli' = 'slack') => d.handle({ type: 'message', text: QUESTION, platform, user, audience: 'public' });
    for (let i = 0; i < 3; i++) expect((await ask('U1')).answered).toBe(true);
    const note = await ask('U1');
    expect(note).toMatchObject({ private: true, answered: false, kind: 'error' });
    expect(note.text).toBe('Policy Desk answers up to 3 questions a minute from one person. Please try again in 20 seconds.');
    expect((await ask('U1', 'discord')).answered).toBe(true); // another platform's user is another person
    expect((await ask('U2')).answered).toBe(true);
    for (let i = 0; i < 5; i++) expect((await ask('operator', 'cli')).answered).toBe(true); // the terminal is the operator's own
    expect(await d.store.questionsSince(new Date(0))).toHaveLength(3 + 1 + 1 + 5);
    at = new Date(at.getTime() + 20_000);
    expect((await ask('U1')).answered).toBe(true);
  });

  it('is configured by RATE_LIMIT_PER_MINUTE (default 20), and a bad value is named, not echoed', () => {
    expect(loadConfig({}).rateLimitPerMinute).toBe(20);
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0);
    let error: unknown;
    try {
      loadConfig({ RATE_LIMIT_PER_MINUTE: 'xoxb-12345' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain('RATE_LIMIT_PER_MINUTE must be a whole number');
    expect(String(error)).not.toContain('xoxb');
  });
});

describe('Slack', () => {
  it('a mention past the limit gets an ephemeral note in the channel, not a post for all', async () => {
    const d = await desk(2);
    const h = await startSlack('socket', { desk: d });
    cleanup.push(() => h.close());
    for (let i = 0; i < 3; i++) await h.event(mention({ text: `<@${BOT_USER_ID}> ${QUESTION}`, user: 'U0FLOOD1', channel: 'C0GENERAL' }));
    const note = await waitFor(() => {
      const found = h.fake.callsTo('chat.postEphemeral')[0];
      expect(found).toBeDefined();
      return found!;
    });
    expect(note.args).toMatchObject({ channel: 'C0GENERAL', user: 'U0FLOOD1' });
    expect(String(note.args.text)).toContain('up to 2 questions a minute');
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0GENERAL')).toHaveLength(2);

    // In a private channel too: its members are not all meant to read a note for one of them.
    h.fake.channelKinds.set('C0SECRET1', 'private');
    await h.event(mention({ text: `<@${BOT_USER_ID}> ${QUESTION}`, user: 'U0FLOOD1', channel: 'C0SECRET1' }));
    await waitFor(() => expect(h.fake.callsTo('chat.postEphemeral').map((c) => c.args.channel)).toContain('C0SECRET1'));
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0SECRET1')).toHaveLength(0);

    const sent = await h.command({ text: QUESTION, user: 'U0FLOOD1', channel: 'C0GENERAL' });
    const response = await waitFor(() => {
      const found = h.fake.responses.find((r) => r.id === sent.response_url.split('/').pop());
      expect(found).toBeDefined();
      return found!;
    });
    expect(response.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(response.body.text)).toContain('up to 2 questions a minute');
    expect(await d.store.questionsSince(new Date(0))).toHaveLength(2);
  });
});

describe('Discord', () => {
  it('a channel message past the limit is answered by DM, and nothing more is said in the channel', async () => {
    const h = await startDiscord({ seedsDir: seedsWith({ 'note.md': DOCUMENT }), rateLimitPerMinute: 2 });
    cleanup.push(() => h.close());
    const sent = [0, 1, 2].map(() => h.say({ content: `<@${IDS.bot}> ${QUESTION}`, author: users.alice }));
    await h.replyTo(sent[1]!);
    const dm = await h.fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${IDS.dm}/messages`, 'a DM');
    expect(JSON.stringify(dm.body)).toContain('up to 2 questions a minute');
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.postsTo(IDS.channel)).toHaveLength(2);
    expect(await h.desk.store.questionsSince(new Date(0))).toHaveLength(2);
  });
});
