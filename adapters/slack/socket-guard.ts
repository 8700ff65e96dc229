// Socket Mode envelopes the client library cannot read. @slack/socket-mode 3.1 reads
// `envelope.payload.event.type` without looking: an envelope whose payload is an array, null or a
// number throws inside its async message handler, which nobody awaits. That is an unhandled
// rejection (Node 20 ends the process on one), and the envelope is never acked, so Slack delivers
// it again. Slack does not send such envelopes; a proxy or a bug on either side might. Here they
// are acked, so they are not redelivered, and said in one warning line; and whatever else the
// library's handler throws is logged instead of left unhandled.

import type { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

type SocketModeClient = SocketModeReceiver['client'];
type MessageListener = (data: string | ArrayBuffer, isBinary: boolean) => unknown;

/** The library's own ack: private in its types, the one way to answer an envelope by id. */
interface Acking {
  send(envelopeId: string, body: Record<string, never>): Promise<void>;
}

const ENVELOPE_TYPES = new Set(['events_api', 'slash_commands', 'interactive']);

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Why an envelope cannot be read (with its id, to ack it), or undefined when it can, or when it
 * is no envelope at all (hello, disconnect, anything the library ignores itself).
 */
export function unreadableEnvelope(data: string | ArrayBuffer, isBinary: boolean): { envelopeId: string; reason: string } | undefined {
  if (isBinary) return undefined;
  let message: unknown;
  try {
    message = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data));
  } catch {
    return undefined; // the library logs and ignores unparsable frames itself
  }
  if (!isObject(message) || typeof message.envelope_id !== 'string' || typeof message.type !== 'string' || !ENVELOPE_TYPES.has(message.type)) return undefined;
  const envelopeId = message.envelope_id;
  if (!isObject(message.payload)) return { envelopeId, reason: `the payload of a ${message.type} envelope is not an object` };
  if (message.type === 'events_api') {
    const event = message.payload.event;
    if (!isObject(event) || typeof event.type !== 'string') return { envelopeId, reason: 'an events_api envelope without an event type' };
  }
  return undefined;
}

/** Puts the check in front of the client's own message handler. Call once, before start(). */
export function guardEnvelopes(client: SocketModeClient, log: Logger): void {
  const own = client.listeners('ws_message') as MessageListener[];
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: string | ArrayBuffer, isBinary: boolean) => {
    const unreadable = unreadableEnvelope(data, isBinary);
    if (unreadable) {
      log.warn('ignored a Slack payload Policy Desk cannot read', { reason: unreadable.reason });
      (client as unknown as Acking).send(unreadable.envelopeId, {}).catch((err: unknown) => log.warn('could not ack an unreadable Slack envelope', { err }));
      return;
    }
    for (const listener of own) {
      Promise.resolve()
        .then(() => listener(data, isBinary))
        .catch((err: unknown) => log.error('Slack Socket Mode message handling failed', { err }));
    }
  });
}
