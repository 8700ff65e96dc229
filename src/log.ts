// Structured logging: one JSON object per line for machines, one readable line for people.
// Every line passes through a mask of the configured secrets, so a token that slips into an
// error message (a library echoing a URL or a header) is never written out.

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
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(options: LoggerOptions = {}, bound: LogFields = {}): Logger {
  const level = options.level ?? 'info';
  const format = options.format ?? 'text';
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = options.now ?? (() => new Date());

  const mask = (line: string): string => secrets.reduce((out, s) => out.split(s).join('[redacted]'), line);

  const emit = (lvl: LogLevel, msg: string, fields: LogFields = {}) => {
    if (RANK[lvl] < RANK[level]) return;
    const all = { ...bound, ...fields };
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
    write(mask(line));
  };

  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

/** A logger that drops everything: for tests and library use. */
export const silentLogger: Logger = createLogger({ write: () => {} });

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
