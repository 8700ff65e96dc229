// The log a person reads during an incident: identical failures once a minute with a count,
// secrets (whole or in part) and Slack response URLs never written.

import { describe, expect, it } from 'vitest';
import { createLogger, REPEAT_WINDOW_MS } from '../../src/log.js';
import { PLATFORMS } from '../../adapters/platforms.js';

// As boot() builds it: with every platform's redactions.
const redactions = PLATFORMS.flatMap((p) => p.logRedactions ?? []);

function logger(secrets: string[] = []) {
  const lines: Array<Record<string, any>> = [];
  let now = Date.parse('2026-12-01T09:00:00Z');
  const log = createLogger({ level: 'debug', format: 'json', secrets, redactions, now: () => new Date(now), write: (l) => lines.push(JSON.parse(l)) });
  return { lines, log, advance: (ms: number) => (now += ms) };
}

const diskFull = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

describe('repeated failures', () => {
  it('an error repeating identically is written once a minute, the next line carrying how many were held back', () => {
    const { lines, log, advance } = logger();
    for (let i = 0; i < 50; i++) {
      log.error('question log write failed', { err: diskFull() });
      advance(1000);
    }
    expect(lines).toHaveLength(1);
    advance(REPEAT_WINDOW_MS);
    log.error('question log write failed', { err: diskFull() });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ msg: 'question log write failed', repeated: 49 });
  });

  it('a different error code, message or platform is its own line; child loggers share the count', () => {
    const { lines, log } = logger();
    const slack = log.child({ platform: 'slack' });
    slack.warn('could not record a Slack delivery; answering anyway', { err: diskFull() });
    slack.warn('could not record a Slack delivery; answering anyway', { err: diskFull() });
    log.child({ platform: 'slack' }).warn('could not record a Slack delivery; answering anyway', { err: diskFull() });
    slack.warn('could not record a Slack delivery; answering anyway', { err: Object.assign(new Error('locked'), { code: 'SQLITE_BUSY' }) });
    log.child({ platform: 'discord' }).warn('could not record a Slack delivery; answering anyway', { err: diskFull() });
    expect(lines.map((l) => [l.platform, l.err.code])).toEqual([
      ['slack', 'SQLITE_FULL'],
      ['slack', 'SQLITE_BUSY'],
      ['discord', 'SQLITE_FULL'],
    ]);
  });

  it('each attempt of a bounded retry is its own line', () => {
    const { lines, log } = logger();
    for (const attempt of [1, 2]) log.warn('digest post failed; it will be retried', { attempt, err: diskFull() });
    expect(lines.map((l) => l.attempt)).toEqual([1, 2]);
  });

  it('a line with an error id is always written: the person was given that id', () => {
    const { lines, log } = logger();
    for (let i = 0; i < 3; i++) log.error('handler failed', { errorId: `E-${i}`, err: diskFull() });
    expect(lines.map((l) => l.errorId)).toEqual(['E-0', 'E-1', 'E-2']);
  });
});

describe('secrets in log lines', () => {
  it('masks every part of a dotted token, not only the whole', () => {
    const token = 'ODk0MDAwMDAwMDAwMDAwMDAx.GhIjKl.abcdefghijklmnopqrstuvwxyz1';
    const { lines, log } = logger([token]);
    log.debug('discord.js', { message: `Provided token: ODk0MDAwMDAwMDAwMDAwMDAx.GhIjKl.${'*'.repeat(27)}` });
    log.info(`whole ${token}`);
    const text = JSON.stringify(lines);
    expect(text).not.toContain('ODk0MDAwMDAwMDAwMDAwMDAx');
    expect(text).not.toContain('GhIjKl');
    expect(text).not.toContain('abcdefghijklmnopqrstuvwxyz1');
    expect(lines[1]!.msg).toBe('whole [redacted]');
  });

  it('masks a URL-shaped secret whole, without masking the words of its host name everywhere', () => {
    const { lines, log } = logger(['postgres://desk:s3cretpass@db.example.internal/desk']);
    log.info('connected', { to: 'postgres://desk:s3cretpass@db.example.internal/desk', note: 'an example' });
    expect(lines[0]).toMatchObject({ to: '[redacted]', note: 'an example' });
  });

  it('never writes a Slack response_url', () => {
    const { lines, log } = logger();
    log.debug('{"response_url":"https://hooks.slack.com/commands/T000/1234/abcDEF","text":"hi"}');
    log.warn('respond failed', { url: 'https://hooks.slack.com/actions/T000/99/xyz' });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('abcDEF');
    expect(text).not.toContain('/99/xyz');
    expect(text).toContain('hooks.slack.com/[redacted]');
  });
});
