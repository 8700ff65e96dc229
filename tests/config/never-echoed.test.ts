// Configuration errors name the variable and the form it takes, never the value: a token pasted
// into the wrong setting must not end up in a terminal scroll-back or a log file.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { loadConfig, VARIABLES } from './load.js';

const CANARY = 'xoxb-7731-CANARY-q9ZzR4Lw';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, os.tmpdir());
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
}

describe('configuration errors never echo a value', () => {
  it('names DIGEST_TIMEZONE and DIGEST_CRON without printing a secret pasted into them', () => {
    const zone = problems({ DIGEST_TIMEZONE: CANARY });
    expect(zone).toEqual([expect.stringMatching(/^DIGEST_TIMEZONE is not a valid IANA time zone; use a name such as Europe\/Berlin/)]);
    const cron = problems({ DIGEST_CRON: CANARY });
    expect(cron).toEqual([expect.stringMatching(/^DIGEST_CRON is not a valid cron expression \(wrong number of fields\); .*"0 9 \* \* 1-5"/)]);
    for (const line of [...zone, ...cron]) {
      expect(line).not.toContain('CANARY');
      expect(line).not.toContain('7731');
    }
  });

  it('says which cron field is wrong without repeating it', () => {
    expect(problems({ DIGEST_CRON: '0 99 * * *' })).toEqual([expect.stringContaining('the hour field is out of range')]);
    expect(problems({ DIGEST_CRON: '0 9 * * MON-FUNDAY' })).toEqual([expect.stringContaining('the weekday field has characters cron does not allow')]);
    for (const line of problems({ DIGEST_CRON: '0 9 * * MON-FUNDAY' })) expect(line).not.toContain('FUNDAY');
  });

  it.each(Object.keys(VARIABLES))('%s set to a secret-shaped value prints neither the value nor a piece of it', (name) => {
    const env: Record<string, string> = { [name]: `CANARY-${name}-9f3k2` };
    for (const line of problems(env)) {
      expect(line).not.toContain('CANARY');
      expect(line).not.toContain('9f3k2');
    }
  });

  it('npm run ask with a secret in DIGEST_TIMEZONE fails once, naming the variable, printing no part of it', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-desk-config-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'adapters/cli/ask.ts', 'help'], {
        env: { PATH: process.env.PATH, DIGEST_TIMEZONE: CANARY, DIGEST_CRON: CANARY, SEEDS_DIR: cwd, DATA_DIR: ':memory:' },
        encoding: 'utf8',
        timeout: 15_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('DIGEST_TIMEZONE');
      expect(run.stderr).toContain('DIGEST_CRON');
      expect(run.stderr + run.stdout).not.toContain('CANARY');
      expect(run.stderr + run.stdout).not.toContain('7731');
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe('API base URLs are checked at start-up', () => {
  it('SLACK_API_URL without /api/ is refused, naming the variable and the form, instead of blaming the token later', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'http://127.0.0.1:9/' })).toEqual([
      'SLACK_API_URL must be the API base ending in /api/, e.g. https://slack.com/api/.',
    ]);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'http://127.0.0.1:9/api' }, os.tmpdir()).slack?.apiUrl).toBe('http://127.0.0.1:9/api/');
  });

  it('DISCORD_API_URL ending in a version is refused instead of being retried for ever as an outage', () => {
    expect(problems({ DISCORD_TOKEN: 'a.b.c', DISCORD_API_URL: 'http://127.0.0.1:9/api/v10' })).toEqual([
      'DISCORD_API_URL must be the API base ending in /api, with no API version after it (the library adds it), e.g. https://discord.com/api.',
    ]);
    expect(problems({ DISCORD_TOKEN: 'a.b.c', DISCORD_API_URL: 'http://127.0.0.1:9/' })).toEqual([expect.stringMatching(/^DISCORD_API_URL must be the API base ending in \/api, e\.g\./)]);
    expect(loadConfig({ DISCORD_TOKEN: 'a.b.c', DISCORD_API_URL: 'http://127.0.0.1:9/api/' }, os.tmpdir()).discord?.apiUrl).toBe('http://127.0.0.1:9/api');
  });
});

describe('token hygiene', () => {
  it('a Discord token pasted with its "Bot " prefix is used bare, and the bare token is masked too', () => {
    const config = loadConfig({ DISCORD_TOKEN: '  Bot ODk0MDAwMDAwMDAwMDAwMDAx.GhIjKl.abcdefghijklmnopqrstuvwxyz1 ' }, os.tmpdir());
    expect(config.discord?.token).toBe('ODk0MDAwMDAwMDAwMDAwMDAx.GhIjKl.abcdefghijklmnopqrstuvwxyz1');
    expect(config.secrets).toContain('ODk0MDAwMDAwMDAwMDAwMDAx.GhIjKl.abcdefghijklmnopqrstuvwxyz1');
  });
});
