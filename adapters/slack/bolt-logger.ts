// Bolt, the Web API client and the Socket Mode client log through this, so their lines get our
// format, our level and our secret mask (a library echoing a header must not print a token).
// At debug level Bolt prints whole payloads: their response_url (which can post as the app for
// half an hour) and legacy verification token are redacted here, before the line is written.

import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

/** quietUnknownType: Bolt's "could not determine the type" line is said again, with its outcome, by the HTTP receiver. */
export function boltLogger(log: Logger, options: { quietUnknownType?: boolean } = {}): BoltLogger {
  const emit = (level: 'debug' | 'warn', parts: unknown[]) => {
    const errors = parts.filter((p): p is Error => p instanceof Error);
    const words = parts
      .filter((p) => !(p instanceof Error))
      .map((p) => (typeof p === 'string' ? redactJsonText(p) : safeJson(redactPayload(p))))
      .join(' ');
    const err = errors[0];
    log[level](words || err?.message || 'slack library message', err ? { err } : undefined);
  };
  return {
    debug: (...parts) => emit('debug', parts),
    // The libraries' "info" is connection chatter ("Going to establish a new connection…"):
    // useful when debugging, noise otherwise. Our own code logs the state changes that matter.
    info: (...parts) => emit('debug', parts),
    warn: (...parts) => emit(options.quietUnknownType && parts[0] === UNKNOWN_TYPE ? 'debug' : 'warn', parts),
    // Failures that matter reach our own code, which reports each once (a start-up error, or an
    // error line with an id); the library's own account of them is a diagnostic, not a second error.
    error: (...parts) => emit('warn', parts),
    // Everything is passed through; our logger applies its own level.
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}

/** Bolt's line for a payload no listener can take. */
const UNKNOWN_TYPE = 'Could not determine the type of an incoming event. No listeners will be called.';

/** Payload fields that are credentials: whoever holds one can answer as the app. */
const CREDENTIAL_KEYS = new Set(['response_url', 'token', 'trigger_id']);

/** A copy of a payload with its credentials replaced, however deep they sit (response_urls[].response_url). */
export function redactPayload(value: unknown, depth = 0): unknown {
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactPayload(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = CREDENTIAL_KEYS.has(key) && typeof v === 'string' ? '[redacted]' : redactPayload(v, depth + 1);
  return out;
}

/**
 * Bolt and the Socket Mode client log payloads as JSON text, often after a few words
 * ("Received a message on the WebSocket: {…}"): redact the JSON as a payload, and any credential
 * field left in text that does not parse.
 */
function redactJsonText(text: string): string {
  const start = text.search(/[{[]/);
  if (start === -1) return text;
  try {
    return text.slice(0, start) + JSON.stringify(redactPayload(JSON.parse(text.slice(start))));
  } catch {
    return text.replace(/("(?:response_url|token|trigger_id)"\s*:\s*)"(?:[^"\\]|\\.)*"/g, '$1"[redacted]"');
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
