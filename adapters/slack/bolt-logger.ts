// Bolt, the Web API client and the Socket Mode client log through this, so their lines get our
// format, our level and our secret mask (a library echoing a header must not print a token).

import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

export function boltLogger(log: Logger): BoltLogger {
  const emit = (level: 'debug' | 'warn', parts: unknown[]) => {
    const errors = parts.filter((p): p is Error => p instanceof Error);
    const words = parts
      .filter((p) => !(p instanceof Error))
      .map((p) => (typeof p === 'string' ? p : safeJson(p)))
      .join(' ');
    const err = errors[0];
    log[level](words || err?.message || 'slack library message', err ? { err } : undefined);
  };
  return {
    debug: (...parts) => emit('debug', parts),
    // The libraries' "info" is connection chatter ("Going to establish a new connection…"):
    // useful when debugging, noise otherwise. Our own code logs the state changes that matter.
    info: (...parts) => emit('debug', parts),
    warn: (...parts) => emit('warn', parts),
    // Failures that matter reach our own code, which reports each once (a start-up error, or an
    // error line with an id); the library's own account of them is a diagnostic, not a second error.
    error: (...parts) => emit('warn', parts),
    // Everything is passed through; our logger applies its own level.
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
