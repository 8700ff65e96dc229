// The bot as a Slack user meets it, over both transports: real Bolt, the real desk on the ILO fixture,
// and a fake Slack on 127.0.0.1 that refuses what Slack refuses.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ACTION } from '../../adapters/slack/blocks.js';
import type { Desk } from '../../src/desk.js';
import type { Reply } from '../../src/types.js';
import { BOT_ID, BOT_USER_ID } from '../fakes/slack.js';
import { directMessage, mention, ts } from '../fakes/slack-payloads.js';
import { allText, openTestDesk, startHarness, type Harness, type Mode } from './harness.js';

const QUESTION = 'what is GATS Mode 4?';
const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 5000, interval: 20 });

describe.each<Mode>(['socket', 'http'])('Slack over %s', (mode) => {
  let desk: Desk;
  let h: Harness;
  beforeAll(async () => {
    desk = await openTestDesk();
    h = await startHarness(mode, { desk });
  });
  afterAll(async () => {
    await h?.close();
    desk?.close();
  });

  const responseTo = (payload: { response_url: string }) => {
    const id = payload.response_url.split('/').pop();
    return waitFor(() => {
      const found = h.fake.responses.find((r) => r.id === id);
      expect(found).toBeDefined();
      return found!;
    });
  };
  const postsTo = (channel: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel && c.result.ok);
  const postIn = (channel: string, thread_ts?: string) =>
    waitFor(() => {
      const found = postsTo(channel).find((c) => c.args.thread_ts === thread_ts);
      expect(found).toBeDefined();
      return found!;
    });
  const buttonsOf = (message: { blocks?: any[] }) =>
    (message.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements : [])) as Array<{ action_id: string; value: string }>;
  /** Asks privately with the slash command and returns the question id on the answer's buttons. */
  const askPrivately = async (channel: string) => {
    const sent = await h.command({ text: QUESTION, channel });
    const answer = await responseTo(sent);
    const id = buttonsOf(answer.body).find((b) => b.action_id === ACTION.share)?.value;
    expect(id).toMatch(/^\d+$/);
    return id!;
  };
  /** Sends a DM and waits for its answer: once it is in, everything sent before it has been handled. */
  const sentinel = async () => {
    const channel = `D0SENT${ts().slice(-4)}`;
    await h.event(directMessage({ text: 'help', channel }));
    await postIn(channel);
  };

  it('acks a slash command and answers privately, with blocks, a fallback and buttons', async () => {
    const sent = await h.command({ text: QUESTION, user: 'U0CMD001', channel: 'C0CMD001' });
    const { body, status } = await responseTo(sent);
    expect(status).toBe(200);
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('movement of natural persons');
    expect(allText(body)).toContain('>Trade, especially trade in services, presents a vast untapped potential');
    expect(buttonsOf(body).map((b) => b.action_id)).toEqual([ACTION.share, ACTION.helpful, ACTION.notHelpful]);
    const logged = (await desk.store.questionsSince(new Date(0))).find((q) => q.user === 'U0CMD001');
    expect(logged).toMatchObject({ platform: 'slack', channel: 'C0CMD001', question: QUESTION, answered: true });
  });

  it('answers a mention in a thread under the question, without the mention in the question', async () => {
    const at = ts();
    await h.event(mention({ text: `<@${BOT_USER_ID}> ${QUESTION}`, ts: at, channel: 'C0MENTION' }));
    const post = await postIn('C0MENTION', at);
    expect(post.args.text).toContain('movement of natural persons');
    expect(buttonsOf(post.args).map((b) => b.action_id)).toEqual([ACTION.helpful, ACTION.notHelpful]);
    expect((await desk.store.questionsSince(new Date(0))).find((q) => q.channel === 'C0MENTION')?.question).toBe(QUESTION);
  });

  it('stays in the thread when mentioned inside one', async () => {
    const parent = ts();
    await h.event(mention({ text: `<@${BOT_USER_ID}> help`, thread_ts: parent, channel: 'C0THREAD' }));
    const post = await postIn('C0THREAD', parent);
    expect(post.args.text).toContain('Policy Desk');
  });

  it('answers a direct message in the DM', async () => {
    await h.event(directMessage({ text: QUESTION, channel: 'D0DIRECT' }));
    const post = await postIn('D0DIRECT');
    expect(post.args.text).toContain('movement of natural persons');
  });

  it('Share posts the answer in the channel, naming who asked, and removes the private copy', async () => {
    const id = await askPrivately('C0SHARE1');
    const questionsBefore = (await desk.store.questionsSince(new Date(0))).length;
    const click = await clickAndWait(h, { actionId: ACTION.share, value: id, channel: 'C0SHARE1', ephemeral: true });
    const post = await postIn('C0SHARE1');
    expect(post.args.text).toMatch(/^<@U0ASKER1> asked: what is GATS Mode 4\?/);
    expect(post.args.blocks[0].elements[0].text).toBe('<@U0ASKER1> asked:');
    expect(allText(post.args)).toContain('movement of natural persons');
    expect(buttonsOf(post.args).map((b) => b.action_id)).toEqual([ACTION.helpful, ACTION.notHelpful]);
    expect((await click()).body).toEqual({ delete_original: true });
    expect(await desk.store.questionsSince(new Date(0))).toHaveLength(questionsBefore);
  });

  it('Share in a channel the bot is not in tells the asker how to invite it, and posts nothing', async () => {
    h.fake.channelsWithoutBot.add('C0NOTIN1');
    const id = await askPrivately('C0NOTIN1');
    const click = await clickAndWait(h, { actionId: ACTION.share, value: id, channel: 'C0NOTIN1', ephemeral: true });
    const { body } = await click();
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain(`/invite <@${BOT_USER_ID}>`);
    expect(postsTo('C0NOTIN1')).toHaveLength(0);
  });

  it('stores Helpful and Not helpful, thanks the clicker privately and posts nothing in the channel', async () => {
    const id = await askPrivately('C0FEEDBK');
    const before = await desk.store.feedbackSince(new Date(0));
    const postsBefore = h.fake.callsTo('chat.postMessage').length;

    const helpful = await clickAndWait(h, { actionId: ACTION.helpful, value: id, channel: 'C0FEEDBK', user: 'U0CLICK1' });
    const thanks = await helpful();
    expect(thanks.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(thanks.body.text).toContain('Thanks');
    const notHelpful = await clickAndWait(h, { actionId: ACTION.notHelpful, value: id, channel: 'C0FEEDBK', user: 'U0CLICK2' });
    await notHelpful();

    expect(await desk.store.feedbackSince(new Date(0))).toEqual({ helpful: before.helpful + 1, notHelpful: before.notHelpful + 1 });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(postsBefore);
  });

  it('a button whose value was tampered with gets a private notice, not an error', async () => {
    const click = await clickAndWait(h, { actionId: ACTION.helpful, value: 'not-a-number', channel: 'C0FEEDBK' });
    const { body } = await click();
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('no longer works');
  });

  it('gives back @channel, @here and a typed "<!channel>" harmlessly, never as a ping', async () => {
    // Slack encodes a real @channel as <!channel>, and escapes what the person typed literally.
    const sent = await h.command({ text: `&lt;!channel&gt; <!here> ${QUESTION}`, channel: 'C0ESCAPE' });
    const { body } = await responseTo(sent);
    const all = allText(body);
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).not.toMatch(/<!(channel|here|everyone)/);
    expect((await desk.store.questionsSince(new Date(0))).find((q) => q.channel === 'C0ESCAPE')?.question).toContain('<!channel>');
  });

  it('answers a redelivered event once', async () => {
    const event = mention({ text: `<@${BOT_USER_ID}> ${QUESTION}`, channel: 'C0DUPLIC' });
    await h.event(event, { eventId: 'EvDUPLICATE1' });
    await h.event(event, { eventId: 'EvDUPLICATE1', retry: 1 });
    await sentinel();
    expect(postsTo('C0DUPLIC')).toHaveLength(1);
  });

  it('answers a replayed slash command once', async () => {
    const first = await h.command({ text: QUESTION, channel: 'C0REPLAY', triggerId: 'trigger-replayed' });
    await h.command({ text: QUESTION, channel: 'C0REPLAY', triggerId: 'trigger-replayed' });
    await responseTo(first);
    await sentinel();
    expect((await desk.store.questionsSince(new Date(0))).filter((q) => q.channel === 'C0REPLAY')).toHaveLength(1);
  });

  it('ignores its own messages and other bots', async () => {
    await h.event(directMessage({ text: QUESTION, channel: 'D0BOTS01', user: BOT_USER_ID, bot_id: BOT_ID }));
    await h.event(directMessage({ text: QUESTION, channel: 'D0BOTS01', user: 'U0OTHERB', bot_id: 'B0OTHER1' }));
    await h.event(directMessage({ text: QUESTION, channel: 'D0BOTS01', subtype: 'bot_message' }));
    await h.event(mention({ text: `<@${BOT_USER_ID}> ${QUESTION}`, channel: 'C0BOTS01', bot_id: 'B0OTHER1' }));
    await sentinel();
    expect(postsTo('D0BOTS01')).toHaveLength(0);
    expect(postsTo('C0BOTS01')).toHaveLength(0);
  });

  it('keeps an answer far longer than Slack allows within its limits', async () => {
    const long = await startHarness(mode, { desk, wrap: inflate });
    try {
      const at = ts();
      await long.event(mention({ text: `<@${BOT_USER_ID}> ${QUESTION}`, ts: at, channel: 'C0LONG01' }));
      const post = await vi.waitFor(
        () => {
          const found = long.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0LONG01');
          expect(found).toBeDefined();
          return found!;
        },
        { timeout: 5000 },
      );
      expect(long.fake.rejected).toEqual([]);
      expect(post.result.ok).toBe(true);
      expect(allText(post.args)).toContain('Shortened to fit in a Slack message');
      expect(allText(post.args)).toContain('…');
    } finally {
      await long.close();
    }
  });

  it('reports itself connected, with the time of the last event', () => {
    const status = h.slack.status();
    expect(status.connected).toBe(true);
    expect(Date.parse(status.lastEventAt ?? '')).not.toBeNaN();
  });
});

/** Clicks, then returns a waiter for the bot's response_url post about that click. */
async function clickAndWait(h: Harness, o: Parameters<Harness['click']>[0]) {
  const before = new Set(h.fake.responses.map((r) => r.id));
  const seenUrls = h.fake.responses.length;
  await h.click(o);
  return () =>
    vi.waitFor(
      () => {
        const found = h.fake.responses.slice(seenUrls).find((r) => !before.has(r.id));
        expect(found).toBeDefined();
        return found!;
      },
      { timeout: 5000, interval: 20 },
    );
}

/** The real desk's answers, made many times longer than a Slack message may be. */
function inflate(desk: Desk): Desk {
  return {
    ...desk,
    handle: async (incoming) => {
      const reply: Reply = await desk.handle(incoming);
      if (!reply.citations.length) return reply;
      return {
        ...reply,
        text: `${reply.text}\n\n`.repeat(60),
        citations: Array.from({ length: 40 }, () => reply.citations).flat(),
      };
    },
  };
}
