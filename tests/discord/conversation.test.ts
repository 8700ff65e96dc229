// The real discord.js client, through adapters/discord, against a fake Discord on 127.0.0.1,
// answering from the real documents (the fixture copy of seeds/).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS, users } from '../fakes/discord-payloads.js';
import { buttonsOf, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const mention = `<@${IDS.bot}>`;
const NO_MENTIONS = { parse: [], replied_user: false };

/** Proves a message got no answer: a later message in the same channel is answered, and was first. */
async function expectNoReply(message: { id: string; channel_id: string }) {
  const marker = h.say({ content: `${mention} help`, dm: message.channel_id === IDS.dm });
  await h.replyTo(marker);
  const posts = h.fake.postsTo(message.channel_id);
  expect(posts.filter((c) => c.body?.message_reference?.message_id === message.id)).toEqual([]);
}

describe('mentions in a channel', () => {
  it('answers a mention with a reply: the quoted answer and its citation as an embed, feedback buttons, no pings', async () => {
    const message = h.say({ content: `${mention} what does GATS Mode 4 cover?` });
    const reply = await h.replyTo(message);
    expect(reply.status).toBe(200);
    expect(reply.body.allowed_mentions).toEqual(NO_MENTIONS);
    const [embed] = reply.body.embeds;
    expect(embed.description).toMatch(/^> .*GATS Mode 4/m);
    expect(embed.description).toContain('— **Key issues for the UN High-Level Dialogue on International Migration and Development, 2006**');
    expect(embed.fields.some((f: any) => f.name.startsWith('Also relevant: '))).toBe(true);
    expect(Object.keys(buttonsOf(reply.body))).toEqual(['Helpful', 'Not helpful']);
    // The question is in the log, asked by this user in this channel.
    const logged = (await h.desk.store.questionsSince(new Date(0))).find((q) => q.question.includes('GATS Mode 4 cover'));
    expect(logged).toMatchObject({ platform: 'discord', user: IDS.alice, channel: IDS.channel });
  });

  it('answers every command of the table through a mention', async () => {
    const help = await h.replyTo(h.say({ content: `${mention} help` }));
    const shown = help.body.embeds[0].fields.map((f: any) => f.name).join('\n');
    for (const command of h.desk.commands) expect(shown).toContain(command.usage.split(' ')[0]);

    for (const command of h.desk.commands) {
      const text = command.example ?? command.usage.replace(/ <.*$/, '');
      const reply = await h.replyTo(h.say({ content: `${mention} ${text}` }));
      expect(reply.status, `${text}: ${h.fake.rejected.join('; ')}`).toBe(200);
      expect(reply.body.embeds[0].title.length).toBeGreaterThan(0);
    }
  });

  it("answers a mention of the bot's role, which Discord's picker often inserts instead", async () => {
    const reply = await h.replyTo(h.say({ content: `<@&${IDS.botRole}> sources` }));
    expect(reply.body.embeds[0].title).toBe('Sources');
  });

  it('stays silent without a mention, for @everyone alone, and for bots including itself', async () => {
    await expectNoReply(h.say({ content: 'what does GATS Mode 4 cover?' }));
    await expectNoReply(h.say({ content: '@everyone what does GATS Mode 4 cover?' }));
    await expectNoReply(h.say({ content: `<@&${IDS.otherRole}> what does GATS Mode 4 cover?` }));
    await expectNoReply(h.say({ content: `${mention} help`, author: users.otherBot }));
    await expectNoReply(h.say({ content: `${mention} help`, author: users.bot }));
  });

  it('pings nobody when a question contains @everyone, @here, a role or a user mention', async () => {
    const message = h.say({ content: `${mention} @everyone @here <@&${IDS.otherRole}> <@${IDS.bob}> what is GATS Mode 4?` });
    const reply = await h.replyTo(message);
    expect(reply.status).toBe(200);
    expect(reply.body.allowed_mentions).toEqual(NO_MENTIONS);
    // The core gets readable names, not Discord's mention syntax.
    const logged = (await h.desk.store.questionsSince(new Date(0))).at(-1);
    expect(logged?.question).toContain('@Researchers @bob what is GATS Mode 4?');
  });

  it('leaves mention syntax in document text and questions inert when it shows them', async () => {
    // Ids Discord did not resolve stay in Discord's syntax on the way to the core.
    const interaction = h.slash('search <@123456789012345678> <#223456789012345678> remittances');
    const edit = await h.fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(interaction.token), 'the answer');
    // Anything shaped like a mention is escaped so it renders as text, not as a mention chip.
    expect(JSON.stringify(edit.body.embeds)).not.toMatch(/(?<!\\\\)<[@#]/);
  });
});

describe('direct messages', () => {
  it('answers a DM without a mention, in the DM', async () => {
    const message = h.say({ content: 'what does GATS Mode 4 cover?', dm: true });
    const reply = await h.replyTo(message);
    expect(reply.path).toBe(`/channels/${IDS.dm}/messages`);
    expect(reply.body.embeds[0].description).toContain('GATS Mode 4');
    expect(reply.body.allowed_mentions).toEqual(NO_MENTIONS);
  });
});

describe('/policy', () => {
  it('defers at once, answers only the asker, and "Share in channel" posts it for everyone naming the asker', async () => {
    const interaction = h.slash('what does GATS Mode 4 cover?');
    const edit = await h.fake.waitForCall((c) => c.method === 'PATCH' && c.path === `/webhooks/${IDS.app}/${interaction.token}/messages/@original`, 'the answer');
    const calls = h.fake.interactionCalls(interaction);
    expect(calls.map((c) => c.body?.type ?? c.method)).toEqual([5, 'PATCH']);
    expect(calls[0]?.body.data.flags & 64).toBe(64); // ephemeral
    expect(calls[0]?.auth).toBeUndefined();
    expect(edit.status).toBe(200);
    expect(edit.body.embeds[0].description).toContain('GATS Mode 4');
    expect(edit.body.allowed_mentions).toEqual(NO_MENTIONS);
    const buttons = buttonsOf(edit.body);
    expect(Object.keys(buttons)).toEqual(['Helpful', 'Not helpful', 'Share in channel']);

    const questionsBefore = (await h.desk.store.questionsSince(new Date(0))).length;
    const share = h.click(buttons['Share in channel']!, edit.response);
    const shared = await h.fake.waitForCall((c) => c.path === `/interactions/${share.id}/${share.token}/callback`, 'the shared answer');
    expect(shared.status).toBe(204);
    expect(shared.body.type).toBe(4);
    expect((shared.body.data.flags ?? 0) & 64).toBe(0); // for everyone
    expect(shared.body.data.content).toBe(`Asked by <@${IDS.alice}>: what does GATS Mode 4 cover?`);
    expect(shared.body.data.allowed_mentions).toEqual(NO_MENTIONS);
    expect(shared.body.data.embeds[0].description).toBe(edit.body.embeds[0].description);
    expect(Object.keys(buttonsOf(shared.body.data))).toEqual(['Helpful', 'Not helpful']);
    // Sharing repeats an answer; it is not a new question.
    expect(await h.desk.store.questionsSince(new Date(0))).toHaveLength(questionsBefore);
  });

  it('stores feedback clicks with the question and thanks only the clicker', async () => {
    const reply = await h.replyTo(h.say({ content: `${mention} what does the paper say about remittances?` }));
    const before = await h.desk.store.feedbackSince(new Date(0));
    const click = h.click(buttonsOf(reply.body)['Not helpful']!, reply.response, { user: users.bob });
    const thanks = await h.fake.waitForCall((c) => c.path === `/interactions/${click.id}/${click.token}/callback`, 'the thanks');
    expect(thanks.body.type).toBe(4);
    expect(thanks.body.data.flags & 64).toBe(64);
    expect(thanks.body.data.embeds[0].title).toBe('Thanks for the feedback');
    expect(await h.desk.store.feedbackSince(new Date(0))).toEqual({ helpful: before.helpful, notHelpful: before.notHelpful + 1 });
    const questionId = Number(/(\d+)$/.exec(buttonsOf(reply.body)['Not helpful']!)![1]);
    expect(await h.desk.store.feedbackFor(questionId)).toEqual([expect.objectContaining({ questionId, user: IDS.bob, platform: 'discord', helpful: false })]);
    expect(h.fake.postsTo(IDS.channel).filter((c) => c.body.embeds?.[0]?.title === 'Thanks for the feedback')).toEqual([]);
  });

  it('works in a DM too', async () => {
    const interaction = h.slash('help', { dm: true });
    const edit = await h.fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(interaction.token), 'the answer');
    expect(edit.status).toBe(200);
    expect(edit.body.embeds[0].title).toBe('Policy Desk: what you can ask');
  });
});

describe('posting for the digest', () => {
  it('posts a reply to a channel without pinging anyone, and fails loudly for a channel it cannot reach', async () => {
    const reply = await h.desk.handle({ type: 'message', text: 'sources', platform: 'digest' });
    await h.discord.post(IDS.channel, reply);
    const post = h.fake.postsTo(IDS.channel).at(-1);
    expect(post?.body.embeds[0].title).toBe('Sources');
    expect(post?.body.message_reference).toBeUndefined();
    expect(post?.body.allowed_mentions).toEqual(NO_MENTIONS);
    await expect(h.discord.post('123456789012345678', reply)).rejects.toThrow(/Unknown Channel/);
  });
});

describe('redelivery and failures', () => {
  it('answers a message dispatched twice only once', async () => {
    const message = h.say({ content: `${mention} what is GATS Mode 4?` });
    h.fake.dispatch('MESSAGE_CREATE', message);
    await h.replyTo(message);
    await expectNoReply({ id: 'none', channel_id: IDS.channel });
    const replies = h.fake.calls.filter((c) => c.method === 'POST' && c.body?.message_reference?.message_id === message.id);
    expect(replies).toHaveLength(1);
  });

  it('resumes a lost gateway connection, logs it, and does not answer a replayed message again', async () => {
    const message = h.say({ content: `${mention} sources` });
    await h.replyTo(message);
    const resumesBefore = h.fake.resumes.length;
    h.fake.dropConnection([{ t: 'MESSAGE_CREATE', d: message }]);
    await expect.poll(() => h.fake.resumes.length, { timeout: 10_000 }).toBe(resumesBefore + 1);
    await expect.poll(() => h.discord.status().connected, { timeout: 5_000 }).toBe(true);
    await expectNoReply({ id: 'none', channel_id: IDS.channel });
    expect(h.fake.calls.filter((c) => c.method === 'POST' && c.body?.message_reference?.message_id === message.id)).toHaveLength(1);
    const messages = h.logs.map((l) => l.msg);
    expect(messages).toContain('Discord gateway connection lost; discord.js is reconnecting');
    expect(messages).toContain('Discord gateway connection resumed');
    expect(h.logs.some((l) => l.msg === 'Skipped an event already answered' && l.eventId === message.id)).toBe(true);
  });

  it('gives a short apology with an error id when answering fails, and logs that id once', async () => {
    h.fake.failNext('POST', new RegExp(`^/channels/${IDS.channel}/messages$`), 403, 50013, 'Missing Permissions');
    const message = h.say({ content: `${mention} what is GATS Mode 4?` });
    const apology = await h.fake.waitForCall(
      (c) => c.status === 200 && c.body?.message_reference?.message_id === message.id,
      'the apology',
    );
    const [embed] = apology.body.embeds;
    expect(embed.title).toBe('Something went wrong');
    const errorId = /E-[0-9A-F]{8}/.exec(embed.description)?.[0];
    expect(errorId).toBeDefined();
    expect(apology.body.allowed_mentions).toEqual(NO_MENTIONS);
    const errors = h.logs.filter((l) => l.level === 'error');
    const logged = errors.filter((l) => l.errorId === errorId);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.remedy).toContain('Send Messages');
  });

  it('reports itself connected, with the time of the last event', () => {
    const status = h.discord.status();
    expect(status.connected).toBe(true);
    expect(Date.parse(status.lastEventAt ?? '')).not.toBeNaN();
    expect(status.disconnectedAt).toBeUndefined();
  });
});
