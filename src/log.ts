// Structured logging: one JSON object per line for machines, one readable line for people.
// Every line passes through a mask of the configured secrets (and of every part of a dotted
// token, which libraries print half-censored) and of what platforms declare secret-bearing (a chat
// platform's callback URLs), so a credential that
// slips into a message (a library echoing a URL, a header or a payload) is never written out.
// A failure repeating identically (a full disk fails every question) is written once a minute
// with a count, not once per question.

import type { LogFormat, LogLevel } from './config.js';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger whose lines all carry these fields (e.g. { platform: 'slack' }). */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  secrets?: string[];
  /** Where lines go; stderr by default so the terminal chat's answers stay on stdout. */
  write?: (line: string) => void;
  now?: () => Date;
  /** How long an identical failure stays quiet after it was written (default a minute). */
  repeatWindowMs?: number;
  /**
   * Rewrites every line before it is written, for credentials no list of secrets can name in
   * advance (a platform's short-lived callback URLs): each platform module declares its own.
   */
  redactions?: readonly ((line: string) => string)[];
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
export const REPEAT_WINDOW_MS = 60_000;

export function createLogger(options: LoggerOptions = {}, bound: LogFields = {}, shared = sharedState(options)): Logger {
  const level = options.level ?? 'info';
  const format = options.format ?? 'text';
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = options.now ?? (() => new Date());

  const emit = (lvl: LogLevel, msg: string, fields: LogFields = {}) => {
    if (RANK[lvl] < RANK[level]) return;
    const all: LogFields = { ...bound, ...fields };
    if (RANK[lvl] >= RANK.warn) {
      const verdict = shared.repeats(repeatKey(lvl, msg, all), now().getTime());
      if (!verdict.write) return;
      if (verdict.repeated) all.repeated = verdict.repeated;
    }
    let line: string;
    if (format === 'json') {
      line = JSON.stringify({ time: now().toISOString(), level: lvl, msg, ...all }, errorReplacer);
    } else {
      const extras = Object.entries(all)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v, errorReplacer)}`)
        .join(' ');
      line = `${now().toISOString().slice(11, 19)} ${lvl.padEnd(5)} ${msg}${extras ? '  ' + extras : ''}`;
    }
    write(shared.mask(line));
  };

  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(options, { ...bound, ...fields }, shared),
  };
}

/** A logger that drops everything: for tests and library use. */
export const silentLogger: Logger = createLogger({ write: () => {} });

interface Shared {
  mask(line: string): string;
  repeats(key: string | undefined, at: number): { write: boolean; repeated?: number };
}

/** What a logger and all its children have in common: the mask and the memory of repeats. */
function sharedState(options: LoggerOptions): Shared {
  const mask = secretMask(options.secrets ?? []);
  const redactions = options.redactions ?? [];
  return { mask: (line) => redactions.reduce((out, redact) => redact(out), mask(line)), repeats: repeatLimiter(options.repeatWindowMs ?? REPEAT_WINDOW_MS) };
}

/**
 * Replaces every secret, and every part of a dotted one, with [redacted]. A Discord token is
 * `id.timestamp.hmac` and discord.js's debug line prints the first two parts: any part of a
 * known secret is as good as a leak.
 */
export function secretMask(secrets: readonly string[]): (line: string) => string {
  const pieces = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    pieces.add(secret);
    // Token-shaped secrets only (three base64url parts, as Discord's and JWTs): a URL's host
    // names are not secrets, and masking "example" everywhere would only confuse.
    if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(secret)) for (const part of secret.split('.')) if (part.length >= 6) pieces.add(part);
  }
  // Longest first, so a whole secret is masked as one, not as its pieces.
  const ordered = [...pieces].sort((a, b) => b.length - a.length);
  return (line) => ordered.reduce((out, s) => out.split(s).join('[redacted]'), line);
}

/**
 * Decides whether a failure line is written: the first of a kind is, identical ones within the
 * window are counted instead, and the next one after the window carries that count. "Identical"
 * is the level, message, error code and platform; lines with an error id are always written,
 * because a person was given that id and it must match a line, and so is each `attempt` of a
 * bounded retry (a retry counting up is progress, not a flood).
 */
export function repeatLimiter(windowMs: number, maxKinds = 1000): Shared['repeats'] {
  const seen = new Map<string, { since: number; suppressed: number }>();
  return (key, at) => {
    if (key === undefined) return { write: true };
    const entry = seen.get(key);
    if (entry && at - entry.since < windowMs) {
      entry.suppressed += 1;
      return { write: false };
    }
    if (!entry && seen.size >= maxKinds) seen.delete(seen.keys().next().value!);
    seen.set(key, { since: at, suppressed: 0 });
    return entry?.suppressed ? { write: true, repeated: entry.suppressed } : { write: true };
  };
}

function repeatKey(lvl: LogLevel, msg: string, fields: LogFields): string | undefined {
  const err = fields.err;
  if (err === undefined || fields.errorId !== undefined) return undefined;
  const e = err as { code?: unknown; name?: unknown; message?: unknown };
  const code = typeof err === 'object' && err !== null ? (e.code ?? `${String(e.name)}: ${String(e.message)}`) : String(err);
  return `${lvl}\u0000${msg}\u0000${String(code)}\u0000${String(fields.platform ?? '')}\u0000${String(fields.attempt ?? '')}`;
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code !== undefined ? { code } : {}), stack: value.stack };
  }
  return value;
}
