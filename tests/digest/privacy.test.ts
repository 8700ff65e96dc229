// Questions asked in private stay private: the digest counts them but never quotes them. Only a
// question asked where the whole channel saw it is quoted, and never with a name or a mention.
// Through the real Bolt and discord.js clients against the fakes, and the real store.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import type { Reply } from '../../src/types.js';
import { shown } from '../../src/digest/activity.js';
import { LOOKUP_TIMEOUT_MS } from '../../adapters/slack/audience.js';
import { BOT_USER_ID } from '../fakes/slack.js';
import { directMessage, mention } from '../fakes/slack-payloads.js';
import { startHarness as startSlack } from '../slack/harness.js';
import { startHarness as startDiscord } from '../discord/harness.js';
import { IDS } from '../fakes/discord-payloads.js';
import { field, seedsWith } from './helpers.js';

const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 5000, interval: 20 });

const DOCUMENT = `# Recruitment of migrant workers

## Fees

Recruitment agencies should not charge workers fees for finding them a job abroad.
`;

const seeds = () => seedsWith({ 'note.md': DOCUMENT });
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function deskOnNote(): Promise<Desk> {
  const desk = await openDesk({ seedsDir: seeds(), dataDir: ':memory:' });
  cleanup.push(() => desk.close());
  return desk;
}

const digestOf = (desk: Desk): Promise<Reply> => desk.handle({ type: 'message', text: 'digest', platform: 'test' });

describe('Slack', () => {
  it('quotes a question asked by mention in a channel (without its mentions), and only counts /policy and DM questions', async () => {
    const desk = await deskOnNote();
    const h = await startSlack('socket', { desk });
    cleanup.push(() => h.close());

    const sent = await h.command({ text: 'What is the canteen menu on Fridays for my visa appeal?', channel: 'C0CMD001' });
    await h.event(directMessage({ text: 'Where do I report my manager for harassment?', channel: 'D0ASKER1' }));
    await h.event(mention({ text: `<@${BOT_USER_ID}> does <@U0BOB001> know the parking rules? cc <!here>`, channel: 'C0GENERAL' }));
    await waitFor(async () => expect(await desk.store.questionsSince(new Date(0))).toHaveLength(3));
    await waitFor(() => expect(h.fake.responses.some((r) => r.id === sent.response_url.split('/').pop())).toBe(true));

    const gaps = field(await digestOf(desk), 'Not covered by the documents');
    expect(gaps).toBeDefined();
    expect(gaps).toContain('“does know the parking rules? cc”');
    expect(gaps).toContain('2 questions asked privately (not quoted)');
    expect(gaps).not.toMatch(/canteen|visa|manager|harassment|U0BOB001|@/);
  });

  it('asks Slack once per channel whether it is public, and only counts mentions in a private channel or a group DM', async () => {
    const desk = await deskOnNote();
    const h = await startSlack('socket', { desk });
    cleanup.push(() => h.close());
    h.fake.channelKinds.set('C0SECRET1', 'private');
    h.fake.channelKinds.set('C0GROUPDM', 'group-dm');

    await h.event(mention({ text: `<@${BOT_USER_ID}> is the redundancy plan for the Geneva office final?`, channel: 'C0SECRET1' }));
    await h.event(mention({ text: `<@${BOT_USER_ID}> who replaces Maria on sick leave?`, channel: 'C0GROUPDM' }));
    await h.event(mention({ text: `<@${BOT_USER_ID}> what are the parking rules?`, channel: 'C0GENERAL' }));
    await h.event(mention({ text: `<@${BOT_USER_ID}> when does the canteen open?`, channel: 'C0GENERAL' }));
    await answersIn(h, ['C0SECRET1', 'C0GROUPDM', 'C0GENERAL', 'C0GENERAL']);

    const gaps = field(await digestOf(desk), 'Not covered by the documents');
    expect(gaps).toContain('“what are the parking rules?”');
    expect(gaps).toContain('“when does the canteen open?”');
    expect(gaps).toContain('2 questions asked privately (not quoted)');
    expect(gaps).not.toMatch(/redundancy|Geneva|Maria|sick/);
    expect(h.fake.callsTo('conversations.info').map((c) => c.args.channel).sort()).toEqual(['C0GENERAL', 'C0GROUPDM', 'C0SECRET1']);
  });

  it.each([
    ['refuses the lookup', 'failingMethods'],
    ['never answers the lookup', 'stalledMethods'],
  ] as const)('counts a mention as private, and still answers it soon, when Slack %s', async (_, how) => {
    const desk = await deskOnNote();
    const h = await startSlack('socket', { desk });
    cleanup.push(() => h.close());
    h.fake[how].add('conversations.info');

    await h.event(mention({ text: `<@${BOT_USER_ID}> is the Lisbon office closing?`, channel: 'C0GENERAL' }));
    await answersIn(h, ['C0GENERAL'], LOOKUP_TIMEOUT_MS + 5000);

    expect(field(await digestOf(desk), 'Not covered by the documents')).toMatch(/^• 1 question asked privately \(not quoted\)\n/);
    expect(h.logs.some((l) => l.includes('Slack would not say whether a channel is public') && l.includes('C0GENERAL'))).toBe(true);
  });
});

/** Waits until each channel has had its answers posted (one per entry). */
async function answersIn(h: Awaited<ReturnType<typeof startSlack>>, channels: string[], timeout = 5000): Promise<void> {
  const posted = () => h.fake.callsTo('chat.postMessage').filter((c) => c.result.ok).map((c) => c.args.channel as string);
  await vi.waitFor(() => expect(posted().sort()).toEqual([...channels].sort()), { timeout, interval: 20 });
}

describe('Discord', () => {
  it('quotes a question asked by mention in a server channel (without the name), and only counts DM and /policy questions', async () => {
    const h = await startDiscord({ seedsDir: seeds() });
    cleanup.push(() => h.close());

    const dm = h.say({ content: 'Is my salary of 3,000 too low for a work permit?', dm: true });
    await h.replyTo(dm);
    h.slash('Who decides on my asylum case next week?');
    const inChannel = h.say({ content: `<@${IDS.bot}> has <@${IDS.bob}> read the parking rules?` });
    await h.replyTo(inChannel);
    await waitFor(async () => expect(await h.desk.store.questionsSince(new Date(0))).toHaveLength(3));
    // A person is named by username (one word), so the digest can drop all of it.
    expect((await h.desk.store.questionsSince(new Date(0))).map((q) => q.question)).toContain('has @bob read the parking rules?');

    const gaps = field(await digestOf(h.desk), 'Not covered by the documents');
    expect(gaps).toContain('“has read the parking rules?”');
    expect(gaps).toContain('2 questions asked privately (not quoted)');
    expect(gaps).not.toMatch(/salary|permit|asylum|Bob|@/);
  });

  it('only counts mentions in a channel @everyone cannot view, in a thread of one, and in a private thread', async () => {
    const h = await startDiscord({ seedsDir: seeds() });
    cleanup.push(() => h.close());

    const asked = [
      h.say({ content: `<@${IDS.bot}> is the redundancy plan for the Geneva office final?`, channelId: IDS.hiddenChannel }),
      h.say({ content: `<@${IDS.bot}> who replaces Maria on sick leave?`, channelId: IDS.hiddenThread }),
      h.say({ content: `<@${IDS.bot}> is my bonus taxed twice?`, channelId: IDS.privateThread }),
      h.say({ content: `<@${IDS.bot}> what are the parking rules?` }),
    ];
    // Each is answered where it was asked.
    for (const message of asked) await h.replyTo(message);
    await waitFor(async () => expect(await h.desk.store.questionsSince(new Date(0))).toHaveLength(4));

    const gaps = field(await digestOf(h.desk), 'Not covered by the documents');
    expect(gaps).toContain('“what are the parking rules?”');
    expect(gaps).toContain('3 questions asked privately (not quoted)');
    expect(gaps).not.toMatch(/redundancy|Geneva|Maria|sick|bonus/);
  });
});

describe('the question log and the digest', () => {
  it('a question whose adapter did not say where it was asked counts as private', async () => {
    const desk = await deskOnNote();
    await desk.handle({ type: 'message', text: 'What is the canteen menu on Fridays?', platform: 'test' });
    const [logged] = await desk.store.questionsSince(new Date(0));
    expect(logged).toMatchObject({ audience: 'private', outcome: 'none', answered: false });
    expect(field(await digestOf(desk), 'Not covered by the documents')).toMatch(/^• 1 question asked privately \(not quoted\)\n/);
  });

  it('keeps the outcome of each question, and lists partly covered and not covered questions apart', async () => {
    const desk = await deskOnNote();
    const answered = await desk.handle({ type: 'message', text: 'Should agencies charge workers recruitment fees?', platform: 'test', audience: 'public' });
    expect(answered.answered).toBe(true);
    const at = new Date();
    const log = (question: string, outcome: 'partial' | 'none', audience: 'public' | 'private') =>
      desk.store.logQuestion({ platform: 'slack', question, answered: outcome === 'partial', outcome, audience, at });
    await log('Do recruitment fees differ between Qatar and Nepal?', 'partial', 'public');
    await log('Do recruitment fees differ between Qatar and Nepal', 'partial', 'public');
    await log('My agency charged me 900 dollars, is that legal?', 'partial', 'private');
    await log('What is the canteen menu on Fridays?', 'none', 'public');

    expect((await desk.store.questionsSince(new Date(0))).map((q) => q.outcome)).toEqual(['high', 'partial', 'partial', 'partial', 'none']);
    const digest = await digestOf(desk);
    expect(field(digest, 'What the team asked')).toBe('5 questions in the last 24 hours; 1 answered from the documents, 3 in part.');
    expect(field(digest, 'Partly covered by the documents')?.split('\n')).toEqual([
      '• “Do recruitment fees differ between Qatar and Nepal?” (asked 2 times)',
      '• and 1 question asked privately (not quoted)',
      'Policy Desk found part of an answer; a document on the rest would complete it.',
    ]);
    expect(field(digest, 'Not covered by the documents')?.split('\n')[0]).toBe('• “What is the canteen menu on Fridays?”');
    expect(JSON.stringify(digest)).not.toContain('900 dollars');
  });

  it('a quoted question loses the plain-text names of people (and any capitalised word the documents never use, a city too), and keeps countries, days and the documents\' own words', async () => {
    const desk = await deskOnNote();
    const at = new Date();
    const log = (question: string) => desk.store.logQuestion({ platform: 'slack', question, answered: false, outcome: 'none', audience: 'public', at });
    await log('Can Maria Lopez see what recruitment agencies charge in Qatar on Fridays?');
    await log("Mohammed O'Neill asked whether the ILO covers seafarers");
    await log('Does Priya know the Geneva rules?');
    await log('Ahmed says his agency kept his passport');
    await log('Tell me about recruitment agencies');
    const gaps = field(await digestOf(desk), 'Not covered by the documents')!;
    expect(gaps).toContain('“Can [name] see what recruitment agencies charge in Qatar on Fridays?”');
    expect(gaps).toContain('“[name] asked whether the ILO covers seafarers”');
    expect(gaps).toContain('“Does [name] know the [name] rules?”');
    expect(gaps).toContain('“[name] says his agency kept his passport”');
    expect(gaps).toContain('“Tell me about recruitment agencies”');
    expect(gaps).not.toMatch(/Maria|Lopez|Mohammed|Neill|Priya|Ahmed/);
  });

  it('a quoted question loses every form of mention and address', () => {
    expect(shown('<@U123> <@!456> <@&789> <#C0GENERAL|general> <!subteam^S1> what about @everyone, @here and @channel?')).toBe('what about, and?');
    expect(shown('ask @bob.smith or mail jane.doe@example.org about fees')).toBe('ask or mail about fees');
    expect(shown('is C143 ratified?')).toBe('is C143 ratified?');
  });
});
