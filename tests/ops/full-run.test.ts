// The whole program as an admin runs it (npm start's entry point, in its own process) with
// Slack and Discord configured against the local fakes: it answers on both, picks up a new
// document without a restart, reports health, shuts down cleanly on SIGTERM, and never writes
// a token to its logs.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, BOT_TOKEN, BOT_USER_ID, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { eventCallback, mention } from '../fakes/slack-payloads.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord.js';
import { IDS, TOKEN as DISCORD_TOKEN, userMessage, users } from '../fakes/discord-payloads.js';
import { ILO_DIR } from '../fixtures/paths.js';

let slack: FakeSlack;
let discord: FakeDiscord;
let child: ChildProcess;
let output = '';
let exitCode: number | null | undefined;
let seedsDir: string;
const API_TOKEN = 'full-run-api-token-0123456789';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-full-run-'));

function logLines(): Array<Record<string, any>> {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}\n--- output ---\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  slack = await startFakeSlack();
  discord = await startFakeDiscord();
  seedsDir = path.join(tmp, 'documents');
  fs.cpSync(ILO_DIR, seedsDir, { recursive: true });
  child = spawn(process.execPath, ['--import', 'tsx', 'adapters/main.ts'], {
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_GUILD_ID: IDS.guild,
      HEALTH_PORT: '0',
      API_TOKEN,
      HOST: '127.0.0.1',
      SEEDS_DIR: seedsDir,
      DATA_DIR: path.join(tmp, 'data'),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'debug',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  child.on('exit', (code) => (exitCode = code));
  await until('both platforms to connect', () => logLines().filter((l) => /^(slack|discord) connected$/.test(l.msg)).length === 2, 30_000);
}, 40_000);

afterAll(async () => {
  if (exitCode === undefined) child.kill('SIGKILL');
  await slack.close();
  await discord.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a full run', () => {
  it('answers a Slack mention in its thread and a Discord mention as a reply', async () => {
    const asked = mention({ text: `<@${BOT_USER_ID}> What does GATS Mode 4 cover?` });
    await slack.push('events_api', eventCallback(asked));
    const post = await until('the Slack answer', () => slack.callsTo('chat.postMessage').find((c) => c.args.thread_ts === asked.ts));
    expect(post.args.text).toMatch(/movement of natural persons/);

    const message = userMessage({ content: `<@${users.bot.id}> What does GATS Mode 4 cover?` });
    discord.dispatch('MESSAGE_CREATE', message);
    const reply = await discord.waitForCall((c) => c.method === 'POST' && c.body?.message_reference?.message_id === message.id, 'the Discord reply');
    expect(JSON.stringify(reply.body.embeds)).toMatch(/movement of natural persons/);
  });

  it('reports health on HEALTH_PORT', async () => {
    const url = await until('the health URL', () => logLines().find((l) => l.msg === 'health check listening')?.url as string);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.ok).toBe(true);
    expect(body.passages).toBeGreaterThan(50);
    expect(body.edition.hash).toMatch(/^[0-9a-f]{12}$/);
    expect(body.platforms.slack.state).toBe('connected');
    expect(body.platforms.discord.state).toBe('connected');
    expect(body.platforms.slack.lastEventAt).not.toBeNull();
    expect(body.documentsFolder).toBe('watching');
  });

  it('reports a documents folder that went away, and picks it up again when it is back', async () => {
    const url = await until('the health URL', () => logLines().find((l) => l.msg === 'health check listening')?.url as string);
    const folder = async () => ((await (await fetch(url)).json()) as any).documentsFolder;
    const aside = `${seedsDir}-aside`;
    fs.renameSync(seedsDir, aside);
    await until('the warning', () => logLines().find((l) => l.level === 'warn' && String(l.msg).startsWith('documents folder is gone')));
    expect(await folder()).toBe('missing');
    fs.renameSync(aside, seedsDir);
    await until('the notice', () => logLines().find((l) => l.msg === 'documents folder is back; watching it again'));
    expect(await folder()).toBe('watching');
  });

  it('answers the HTTP API beside /healthz', async () => {
    const url = await until('the health URL', () => logLines().find((l) => l.msg === 'health check listening')?.url as string);
    const res = await fetch(url.replace('/healthz', '/api/ask'), { method: 'POST', headers: { authorization: `Bearer ${API_TOKEN}` }, body: JSON.stringify({ text: 'What does GATS Mode 4 cover?' }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).answer).toMatch(/movement of natural persons/);
  });

  it('picks up a new document without a restart', async () => {
    fs.writeFileSync(path.join(seedsDir, 'seasonal.md'), '# Seasonal work note\n\n## Orchards\n\nThe quokka orchard scheme lets seasonal pickers change employer once per harvest.\n');
    await until('the reload', () => logLines().find((l) => l.msg === 'documents reloaded' && l.changed));
    const asked = mention({ text: `<@${BOT_USER_ID}> How often can pickers in the quokka orchard scheme change employer?` });
    await slack.push('events_api', eventCallback(asked));
    const post = await until('the answer from the new document', () => slack.callsTo('chat.postMessage').find((c) => c.args.thread_ts === asked.ts));
    expect(post.args.text).toMatch(/change employer once per harvest/);
  });

  it('logs each question with its platform and latency, the text only at debug level', () => {
    const questions = logLines().filter((l) => l.msg === 'question');
    expect(questions.map((q) => q.platform).sort()).toEqual(expect.arrayContaining(['api', 'discord', 'slack']));
    for (const q of questions) expect(typeof q.ms).toBe('number');
    expect(logLines().filter((l) => l.msg === 'question text').every((l) => l.level === 'debug')).toBe(true);
  });

  it('on SIGTERM finishes the answer in flight, then exits 0', async () => {
    const asked = mention({ text: `<@${BOT_USER_ID}> What is the Berne Initiative?` });
    await slack.push('events_api', eventCallback(asked));
    child.kill('SIGTERM');
    await until('the process to exit', () => exitCode !== undefined);
    expect(exitCode).toBe(0);
    expect(slack.callsTo('chat.postMessage').some((c) => c.args.thread_ts === asked.ts)).toBe(true);
    expect(logLines().some((l) => l.msg === 'shutting down' && l.reason === 'SIGTERM')).toBe(true);
  });

  it('never wrote a token to its output', () => {
    expect(output.length).toBeGreaterThan(1000);
    for (const secret of [BOT_TOKEN, APP_TOKEN, DISCORD_TOKEN, API_TOKEN]) expect(output).not.toContain(secret);
  });
});
