// Shared by the digest tests: a clock the test sets, platforms that record (or refuse) posts,
// a log to read, desks on a store file that outlives them (restarts), small seeds folders.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDesk, type Desk } from '../../src/desk.js';
import type { DigestConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { Platform, Reply, RunningPlatform } from '../../src/types.js';
import { startDigestScheduler, type DigestScheduler } from '../../src/digest/scheduler.js';
import { ILO_DIR } from '../fixtures/paths.js';

export { seedsWith } from '../catalog/helpers.js';

export interface Clock {
  now: () => Date;
  set(iso: string | Date): void;
}

export function clock(iso: string): Clock {
  let current = new Date(iso);
  return { now: () => new Date(current), set: (to) => void (current = new Date(to)) };
}

export interface StubPlatform extends RunningPlatform {
  /** Posts that arrived. */
  readonly posts: { channel: string; reply: Reply }[];
  /** Every call to post, arrived or not. */
  attempts: number;
  /** Errors the next calls throw, in order; then posts arrive. */
  failures: Error[];
  /** While set, posts hang as if the process died mid-request. */
  hang: boolean;
}

export function stubPlatform(platform: Platform = 'slack'): StubPlatform {
  const stub: StubPlatform = {
    platform,
    posts: [],
    attempts: 0,
    failures: [],
    hang: false,
    async post(channel, reply) {
      stub.attempts += 1;
      if (stub.hang) return new Promise<void>(() => {});
      const failure = stub.failures.shift();
      if (failure) throw failure;
      stub.posts.push({ channel, reply });
    },
    status: () => ({ connected: true }),
    stop: async () => {},
  };
  return stub;
}

export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export function captureLog(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  return { lines, log: createLogger({ level: 'debug', format: 'json', write: (line) => lines.push(JSON.parse(line)) }) };
}

export function tempDir(prefix = 'digest-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export const SLACK_CHANNEL = 'C0DIGEST';

/** Channels as DIGEST_<PLATFORM>_CHANNEL would set them; Slack's is set unless overridden. */
export interface DigestOverrides extends Partial<DigestConfig> {
  slackChannel?: string;
  discordChannel?: string;
}

export function digestConfig(overrides: DigestOverrides = {}): DigestConfig {
  const { slackChannel = SLACK_CHANNEL, discordChannel, ...rest } = overrides;
  const channels = [
    ...(slackChannel ? [{ platform: 'slack', channel: slackChannel, variable: 'DIGEST_SLACK_CHANNEL' }] : []),
    ...(discordChannel ? [{ platform: 'discord', channel: discordChannel, variable: 'DIGEST_DISCORD_CHANNEL' }] : []),
  ];
  return { cron: '0 9 * * 1-5', timezone: 'Europe/Berlin', channels, channelVariables: ['DIGEST_SLACK_CHANNEL', 'DIGEST_DISCORD_CHANNEL'], ...rest };
}

/** A desk on the ILO fixture (or another folder) whose store lives in dataDir, so a second desk there is a restart. */
export function deskAt(dataDir: string, c: Clock, seedsDir = ILO_DIR): Promise<Desk> {
  return openDesk({ seedsDir, dataDir, now: c.now });
}

export interface Running {
  scheduler: DigestScheduler;
  platform: StubPlatform;
  lines: LogLine[];
}

/** A scheduler posting to one stub Slack channel; waits for its start-up check for a missed run. */
export async function startWithStub(desk: Desk, c: Clock, options: { digest?: DigestOverrides; policy?: Parameters<typeof startDigestScheduler>[0]['policy']; platform?: StubPlatform } = {}): Promise<Running> {
  const platform = options.platform ?? stubPlatform();
  const { log, lines } = captureLog();
  const scheduler = startDigestScheduler({ desk, digest: digestConfig(options.digest), platforms: [platform], log, now: c.now, policy: options.policy });
  await scheduler.catchUp;
  return { scheduler, platform, lines };
}

/** The name after "Focus of the day: " in a digest. */
export function focusName(reply: Reply): string {
  const match = /Focus of the day: (.*?)(?: \((?:convention or instrument|programme, project or body|key issue|organisation|event)\)\.|, from )/.exec(reply.text);
  if (!match) throw new Error(`no focus in: ${reply.text}`);
  return match[1]!;
}

/** Weekdays from a date on (local dates as YYYY-MM-DD), skipping Saturdays and Sundays. */
export function weekdays(from: string, count: number): string[] {
  const out: string[] = [];
  const day = new Date(`${from}T12:00:00Z`);
  while (out.length < count) {
    const dow = day.getUTCDay();
    if (dow !== 0 && dow !== 6) out.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return out;
}

export function field(reply: Reply, name: string): string | undefined {
  return reply.fields.find((f) => f.name === name)?.value;
}
