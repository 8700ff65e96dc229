// Starting, failing, posting the digest and stopping: what whoever runs the bot sees.

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSlack, SlackStartError } from '../../adapters/slack/index.js';
import type { SlackConfig } from '../../adapters/slack/config.js';
import type { Desk } from '../../src/desk.js';
import { createLogger } from '../../src/log.js';
import type { Reply } from '../../src/types.js';
import { BOT_TOKEN, BOT_USER_ID, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { mention, ts } from '../fakes/slack-payloads.js';
import { SIGNING_SECRET } from '../fakes/slack-http.js';
import { openTestDesk, startHarness, type Harness } from './harness.js';

// One desk for the file: loading the documents is the slow part, and these tests are about Slack.
let desk: Desk;
beforeAll(async () => {
  desk = await openTestDesk();
});
afterAll(() => desk?.close());

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function fakeAndDesk(): Promise<{ fake: FakeSlack; desk: Desk }> {
  const fake = await startFakeSlack();
  cleanups.push(() => fake.close());
  return { fake, desk };
}

/** A logger that masks nothing, to prove the adapter itself never prints a token. */
function capture() {
  const lines: string[] = [];
  return { lines, log: createLogger({ level: 'debug', write: (line) => lines.push(line) }) };
}

describe('starting', () => {
  it('a wrong bot token is one clear error naming the variable, never echoing the token', async () => {
    const { fake, desk } = await fakeAndDesk();
    const { lines, log } = capture();
    const config: SlackConfig = { botToken: 'xoxb-wrong-secret-value', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, host: '127.0.0.1', port: 0 };
    const error = await startSlack(desk, config, log).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackStartError);
    expect((error as Error).message).toContain('SLACK_BOT_TOKEN');
    expect((error as Error).message).toContain('invalid_auth');
    expect((error as Error).message).not.toContain('wrong-secret-value');
    expect(lines.join('\n')).not.toContain('wrong-secret-value');
  });

  it('a wrong app token in Socket Mode is one clear error, and leaves no connection open', async () => {
    const { fake, desk } = await fakeAndDesk();
    const { lines, log } = capture();
    const config: SlackConfig = { botToken: BOT_TOKEN, appToken: 'xapp-wrong-secret-value', apiUrl: fake.apiUrl, host: '127.0.0.1', port: 0 };
    const error = await startSlack(desk, config, log).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackStartError);
    expect((error as Error).message).toContain('SLACK_APP_TOKEN');
    expect((error as Error).message).not.toContain('wrong-secret-value');
    expect(lines.join('\n')).not.toContain('wrong-secret-value');
    expect(fake.openSockets()).toBe(0);
  });

  it('an unreachable Slack fails start-up after a few quick retries rather than half an hour', async () => {
    const { fake, desk } = await fakeAndDesk();
    const apiUrl = fake.apiUrl;
    await fake.close(); // nothing listens there any more
    const config: SlackConfig = { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl, host: '127.0.0.1', port: 0 };
    const error = await startSlack(desk, config, capture().log).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackStartError);
    expect((error as Error).message).toMatch(/Could not reach Slack at SLACK_API_URL/);
  });
});

describe('connection', () => {
  it('HTTP mode on a port already taken is one clear error naming PORT', async () => {
    const h = await startHarness('http', { desk });
    cleanups.push(() => h.close());
    const config: SlackConfig = { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: h.fake.apiUrl, host: '127.0.0.1', port: h.slack.port! };
    await expect(startSlack(h.desk, config, capture().log)).rejects.toThrow(/Cannot listen on 127\.0\.0\.1:\d+ for Slack \(HOST, PORT\): EADDRINUSE/);
  });

  it('a dropped Socket Mode connection shows in status() and in the log', async () => {
    const h = await startHarness('socket', { desk });
    cleanups.push(() => h.close());
    expect(h.slack.status().connected).toBe(true);
    h.fake.dropSockets();
    await vi.waitFor(() => expect(h.slack.status().connected).toBe(false), { timeout: 5000, interval: 20 });
    expect(Date.parse(h.slack.status().disconnectedAt ?? '')).not.toBeNaN();
    expect(h.logs.some((l) => l.includes('warn') && l.includes('Slack connection lost'))).toBe(true);
  });
});

describe.each(['socket', 'http'] as const)('running over %s', (mode) => {
  let h: Harness;
  const start = async (wrap?: (desk: Desk) => Desk) => {
    h = await startHarness(mode, { desk, wrap });
    cleanups.push(() => h.close());
    return h;
  };

  it('posts the digest to a channel, without buttons', async () => {
    await start();
    const digest: Reply = { kind: 'digest', title: 'Weekly digest', text: '3 questions, 2 answered.', citations: [], fields: [{ name: 'Unanswered', value: 'zebra & <unicorns>' }], notes: [], answered: false };
    await h.slack.post('C0DIGEST', digest);
    const [post] = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0DIGEST');
    expect(post?.result.ok).toBe(true);
    expect(post?.args.text).toContain('Weekly digest');
    expect(JSON.stringify(post?.args.blocks)).toContain('zebra &amp; &lt;unicorns&gt;');
    expect(JSON.stringify(post?.args.blocks)).not.toContain('"actions"');
  });

  it('a digest for a channel the bot is not in fails with the fix in the message', async () => {
    await start();
    h.fake.channelsWithoutBot.add('C0NODIGE');
    const digest: Reply = { kind: 'digest', title: 'Digest', text: 'Nothing new.', citations: [], fields: [], notes: [], answered: false };
    await expect(h.slack.post('C0NODIGE', digest)).rejects.toThrow(/not_in_channel.*\/invite/);
  });

  it('stop() lets an answer being written reach Slack, then disconnects', async () => {
    let release!: () => void;
    let reached!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const handling = new Promise<void>((r) => (reached = r));
    await start((desk) => ({
      ...desk,
      handle: async (incoming) => {
        reached();
        await gate;
        return desk.handle(incoming);
      },
    }));
    const at = ts();
    await h.event(mention({ text: `<@${BOT_USER_ID}> what is GATS Mode 4?`, ts: at, channel: 'C0STOPNG' }));
    await handling;
    const stopped = h.slack.stop();
    release();
    await stopped;

    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === at && c.result.ok)).toHaveLength(1);
    expect(h.slack.status().connected).toBe(false);
    if (mode === 'socket') expect(h.fake.openSockets()).toBe(0);
    else await expect(fetch(`http://127.0.0.1:${h.slack.port}/healthz`)).rejects.toThrow();
  });
});

// The retry policy is the Web API client's, the same over either transport.
describe('when Slack fails', () => {
  let h: Harness;
  it('retries a few times, then logs one error with an id and gives up', async () => {
    h = await startHarness('socket', { desk });
    cleanups.push(() => h.close());
    h.fake.failingMethods.add('chat.postMessage');
    await h.event(mention({ text: `<@${BOT_USER_ID}> what is GATS Mode 4?`, channel: 'C0FAILNG' }));
    const errorLine = await vi.waitFor(
      () => {
        const found = h.logs.find((l) => l.includes('Slack message failed'));
        expect(found).toBeDefined();
        return found!;
      },
      { timeout: 10_000, interval: 50 },
    );
    const errorId = /errorId=(E-[0-9A-F]{8})/.exec(errorLine)?.[1];
    expect(errorId).toBeDefined();
    // The apology cannot get through either; that is a warning carrying the same id, not a second error.
    await vi.waitFor(() => expect(h.logs.some((l) => l.includes('could not deliver the apology') && l.includes(errorId!))).toBe(true), {
      timeout: 10_000,
      interval: 50,
    });
    expect(h.logs.filter((l) => / error /.test(l) && l.includes('Slack message failed'))).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage').length).toBeLessThanOrEqual(6);
  }, 20_000);
});

describe('the digest post', () => {
  it('is tried once: a post that failed on the way may have arrived, so it is not sent again', async () => {
    const h = await startHarness('socket', { desk });
    cleanups.push(() => h.close());
    h.fake.failingMethods.add('chat.postMessage');
    const reply = await desk.handle({ type: 'message', text: 'sources', platform: 'test' });
    await expect(h.slack.post('C0DIGEST', reply)).rejects.toThrow(/Slack would not post to channel C0DIGEST/);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0DIGEST')).toHaveLength(1);
  });

  it('tells the core a server error is a refusal (retried), not a post that may have arrived', async () => {
    const h = await startHarness('socket', { desk });
    cleanups.push(() => h.close());
    h.fake.failingMethods.add('chat.postMessage');
    const reply = await desk.handle({ type: 'message', text: 'sources', platform: 'test' });
    await expect(h.slack.post('C0DIGEST', reply)).rejects.toMatchObject({ name: 'DeliveryError', outcome: 'refused' });
  });
});
