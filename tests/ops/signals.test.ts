// `npm start` as a service manager runs it: SIGTERM sent to npm's pid must stop the bot cleanly,
// and a bot whose npm was killed outright must not run on, orphaned. Real npm, a real bot process,
// a fake Slack on 127.0.0.1 for it to be connected to.

import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_TOKEN, BOT_TOKEN, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { seedsWith } from '../catalog/helpers.js';

interface Started {
  npm: ChildProcess;
  botPid: number;
  lines: Array<Record<string, unknown>>;
}

let fake: FakeSlack | undefined;
const stray: number[] = [];
afterEach(async () => {
  for (const pid of stray.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  await fake?.close();
  fake = undefined;
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function npmStart(): Promise<Started> {
  fake = await startFakeSlack();
  const seeds = seedsWith({ 'note.md': '# Fees\n\n## Recruitment\n\nRecruitment agencies should not charge workers fees.\n' });
  const npm = spawn('npm', ['start', '--silent'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SEEDS_DIR: seeds, DATA_DIR: ':memory:', LOG_FORMAT: 'json', SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl },
  });
  const lines: Array<Record<string, unknown>> = [];
  let buffered = '';
  npm.stderr!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const line of parts) if (line.startsWith('{')) lines.push(JSON.parse(line));
  });
  await waitUntil(() => lines.some((l) => l.msg === 'running'), 'the bot is running');
  const botPid = Number(lines.find((l) => l.msg === 'running')!.pid);
  stray.push(botPid);
  expect(botPid).not.toBe(npm.pid);
  return { npm, botPid, lines };
}

describe('npm start under a service manager', () => {
  it('SIGTERM to npm reaches the bot: it shuts down cleanly and npm exits 0', async () => {
    const { npm, botPid, lines } = await npmStart();
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    process.kill(npm.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
    await waitUntil(() => !alive(botPid), 'the bot has exited');
    expect(lines.find((l) => l.msg === 'shutting down')).toMatchObject({ reason: 'SIGTERM' });
  }, 30_000);

  it('when npm is killed outright, the bot notices and stops instead of running on orphaned', async () => {
    const { npm, botPid, lines } = await npmStart();
    process.kill(npm.pid!, 'SIGKILL');
    await waitUntil(() => !alive(botPid), 'the orphaned bot has exited');
    expect(lines.find((l) => l.msg === 'shutting down')).toMatchObject({ reason: 'npm, which started the bot, has exited' });
  }, 30_000);
});
