// Two (then three) real Policy Desk processes, each the npm start entry point in its own process
// with its own DATA_DIR, sharing one PostgreSQL (DATABASE_URL) and one Slack app and Discord bot
// (the local fakes). Slack spreads events over the app's Socket Mode connections and retries on
// any of them; Discord sends every event to every gateway session. Each is answered once, each
// channel gets one digest, feedback works on either replica, and killing one leaves the rest
// answering.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store.js';
import { BOT_USER_ID, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { buttonClick, eventCallback, mention } from '../fakes/slack-payloads.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord.js';
import { IDS, slashCommand, userMessage, users } from '../fakes/discord-payloads.js';
import { fakePlatformsEnv } from '../fakes/platform-env.js';
import { startPostgres, type TestPostgres } from '../store/postgres-server.js';
import { tinySeeds, TINY_QUESTION } from '../fakes/tiny-seeds.js';

const SLACK_DIGEST_CHANNEL = 'C0DIGEST';
const QUESTION = TINY_QUESTION;
const seeds = tinySeeds();

interface Replica {
  name: string;
  child: ChildProcess;
  output: string;
  exited?: number | null;
  lines(): Array<Record<string, any>>;
}

let pg: TestPostgres;
let slack: FakeSlack;
let discord: FakeDiscord;
let store: Store;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-replicas-'));
const replicas: Replica[] = [];

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}\n${replicas.map((r) => `--- ${r.name} ---\n${r.output.slice(-4000)}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function startReplica(name: string): Replica {
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/main.ts'], {
    env: {
      PATH: process.env.PATH,
      ...fakePlatformsEnv(slack, discord),
      DATABASE_URL: pg.url,
      // Each its own folder: whatever they share goes through PostgreSQL.
      DATA_DIR: path.join(tmp, `data-${name}`),
      SEEDS_DIR: seeds.dir,
      // Due at midnight UTC: earlier today whenever the test runs, so each replica's start-up catch-up tries it.
      DIGEST_CRON: '0 0 * * *',
      DIGEST_TIMEZONE: 'UTC',
      DIGEST_SLACK_CHANNEL: SLACK_DIGEST_CHANNEL,
      DIGEST_DISCORD_CHANNEL: IDS.channel,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const replica: Replica = {
    name,
    child,
    output: '',
    lines: () =>
      replica.output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l)),
  };
  child.stdout!.on('data', (d) => (replica.output += d));
  child.stderr!.on('data', (d) => (replica.output += d));
  child.on('exit', (code) => (replica.exited = code));
  replicas.push(replica);
  return replica;
}

const connected = (r: Replica) => r.lines().filter((l) => /^(slack|discord) connected$/.test(l.msg)).length === 2;
/** The replica has settled today's digest for a platform: posted it, or found it taken. */
const digestSettled = (r: Replica, platform: string) =>
  r.lines().some((l) => l.component === 'digest' && l.platform === platform && (l.msg === 'digest posted' || l.msg.startsWith('digest not posted') || l.msg.startsWith('digest is being posted by another run')));
const slackDigests = () => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === SLACK_DIGEST_CHANNEL && c.result.ok);
const discordDigests = () => discord.postsTo(IDS.channel).filter((c) => String(c.body?.embeds?.[0]?.title ?? '').startsWith('Policy Desk digest'));
const slackAnswersTo = (ts: string) => slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === ts);
const discordRepliesTo = (id: string) => discord.calls.filter((c) => c.method === 'POST' && c.body?.message_reference?.message_id === id);
const alive = () => replicas.filter((r) => r.exited === undefined);

beforeAll(async () => {
  [pg, slack, discord] = await Promise.all([startPostgres(), startFakeSlack(), startFakeDiscord()]);
  const [a, b] = [startReplica('a'), startReplica('b')];
  await until('both replicas to connect to Slack and Discord', () => connected(a) && connected(b), 60_000);
  store = await openStore({ dataDir: ':memory:', databaseUrl: pg.url });
}, 90_000);

afterAll(async () => {
  for (const r of alive()) r.child.kill('SIGKILL');
  await store?.close();
  await Promise.allSettled([slack?.close(), discord?.close()]);
  await pg?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  seeds.remove();
});

describe('two replicas on one PostgreSQL', () => {
  it('post one digest per channel between them', async () => {
    const [a, b] = replicas;
    await until("both replicas to settle today's digests", () => ['slack', 'discord'].every((p) => digestSettled(a!, p) && digestSettled(b!, p)), 30_000);
    expect(slackDigests()).toHaveLength(1);
    expect(discordDigests()).toHaveLength(1);
  });

  it('answer a Slack mention once when Slack retries it on the other connection', async () => {
    const asked = mention({ text: `<@${BOT_USER_ID}> ${QUESTION}` });
    const envelope = eventCallback(asked);
    await slack.pushVia(0, 'events_api', envelope);
    await slack.pushVia(1, 'events_api', envelope, { retry_attempt: 1, retry_reason: 'timeout' });
    const answer = await until('the Slack answer', () => slackAnswersTo(asked.ts)[0]);
    expect(answer.args.text).toMatch(/change employer once per harvest/);
    await until('the other replica to skip the retry', () => replicas.some((r) => r.lines().some((l) => l.msg === 'Skipped an event already answered' && l.platform === 'slack')));
    expect(slackAnswersTo(asked.ts)).toHaveLength(1);
  });

  it('answer a Discord message once although both gateway sessions receive it', async () => {
    const message = userMessage({ content: `<@${users.bot.id}> ${QUESTION}` });
    discord.dispatch('MESSAGE_CREATE', message);
    await discord.waitForCall((c) => c.method === 'POST' && c.body?.message_reference?.message_id === message.id, 'the Discord reply');
    await until('the other replica to skip it', () => replicas.some((r) => r.lines().some((l) => l.msg === 'Skipped an event already answered' && l.eventId === message.id)));
    expect(discordRepliesTo(message.id)).toHaveLength(1);
  });

  it('answer a Discord /policy once although both gateway sessions receive the interaction', async () => {
    const interaction = slashCommand(QUESTION);
    discord.dispatch('INTERACTION_CREATE', interaction);
    const edit = await discord.waitForCall((c) => c.method === 'PATCH' && c.path.includes(interaction.token), 'the /policy answer', 15_000);
    expect(JSON.stringify(edit.body)).toMatch(/change employer once per harvest/);
    await until('the other replica to skip it', () => replicas.some((r) => r.lines().some((l) => l.msg === 'Skipped an event already answered' && l.eventId === interaction.id)));
    // One deferral: a second would have been refused (40060) and logged as an error.
    expect(discord.interactionCalls(interaction).filter((c) => c.path.endsWith('/callback')).map((c) => c.status)).toEqual([204]);
  });

  it('record feedback on either replica, whichever answered', async () => {
    const asked = mention({ text: `<@${BOT_USER_ID}> ${QUESTION}` });
    await slack.pushVia(0, 'events_api', eventCallback(asked));
    const answer = await until('the answer', () => slackAnswersTo(asked.ts)[0]);
    const helpful = answer.args.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === 'policy_desk_helpful');
    const questionId = Number(helpful.value);
    // One click lands on each replica: one of them did not answer the question.
    await slack.pushVia(0, 'interactive', buttonClick(slack, { actionId: 'policy_desk_helpful', value: helpful.value, user: 'U0CLICK01' }));
    await slack.pushVia(1, 'interactive', buttonClick(slack, { actionId: 'policy_desk_not_helpful', value: helpful.value, user: 'U0CLICK02' }));
    await until('both thanks', () => slack.responses.filter((r) => /Thanks for the feedback/.test(JSON.stringify(r.body))).length === 2);
    expect((await store.feedbackFor(questionId)).map((f) => [f.user, f.helpful]).sort()).toEqual([
      ['U0CLICK01', true],
      ['U0CLICK02', false],
    ]);
  });

  it('go on when one is killed; a new replica neither posts the digest again nor answers twice', async () => {
    const [a, b] = replicas;
    a!.child.kill('SIGKILL');
    await until('the first replica to die', () => a!.exited !== undefined);
    await until("Slack to see the dead replica's connection close", () => slack.openSockets() === 1);
    const c = startReplica('c');
    await until('the new replica to connect', () => connected(c), 60_000);
    await until("the new replica to settle today's digests", () => digestSettled(c, 'slack') && digestSettled(c, 'discord'), 30_000);
    expect(slackDigests()).toHaveLength(1);
    expect(discordDigests()).toHaveLength(1);

    const asked = mention({ text: `<@${BOT_USER_ID}> ${QUESTION}` });
    await slack.push('events_api', eventCallback(asked));
    const message = userMessage({ content: `<@${users.bot.id}> ${QUESTION}` });
    discord.dispatch('MESSAGE_CREATE', message);
    await until('both answers', () => slackAnswersTo(asked.ts).length && discordRepliesTo(message.id).length);
    await until('the other live replica to skip the Discord message', () => [b!, c].some((r) => r.lines().some((l) => l.msg === 'Skipped an event already answered' && l.eventId === message.id)));
    expect(slackAnswersTo(asked.ts)).toHaveLength(1);
    expect(discordRepliesTo(message.id)).toHaveLength(1);

    // Both live replicas report the shared store and the same documents.
    const health = await Promise.all(
      [b!, c].map(async (r) => {
        const url = r.lines().find((l) => l.msg === 'health check listening')!.url as string;
        return (await (await fetch(url)).json()) as any;
      }),
    );
    for (const h of health) expect(h).toMatchObject({ ok: true, store: { backend: 'postgres', state: 'ok' } });
    expect(health[0].edition.hash).toBe(health[1].edition.hash);
  }, 90_000);

  it('never wrote the database password to any log', () => {
    const password = new URL(pg.url).password;
    for (const r of replicas) {
      expect(r.output.length).toBeGreaterThan(1000);
      expect(r.output).not.toContain(password);
    }
  });
});
