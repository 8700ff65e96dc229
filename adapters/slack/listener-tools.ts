// What every Slack listener needs: the desk, a log, the in-flight tracker, and the kit's
// answering each delivery once and turning a failure into one log line and an apology.

import type { webApi } from '@slack/bolt';
import type { Desk } from '../../src/desk.js';
import { firstDelivery as kitFirstDelivery, guarded as kitGuarded } from '../kit/handlers.js';
import type { LogFields, Logger } from '../../src/log.js';
import type { SlackMessage } from './blocks.js';
import type { InFlight } from '../kit/in-flight.js';
import { renderReply } from './render.js';

export interface ListenerDeps {
  desk: Desk;
  log: Logger;
  work: InFlight;
  /** Told of every failure, so a rejected token can be reported once, not per reply. */
  failed?: (err: unknown) => void;
}

/** True the first time a delivery is seen (adapters/kit/handlers.ts). */
export function firstDelivery(deps: ListenerDeps, key: string): Promise<boolean> {
  return kitFirstDelivery(deps.desk, deps.log, 'slack', key, 'Slack');
}

/**
 * Runs a listener's work, tracked for a clean stop. On failure: one error line with an id, and the
 * apology carrying that id delivered by `tell` (adapters/kit/handlers.ts).
 */
export function guarded(
  deps: ListenerDeps,
  what: string,
  fields: LogFields,
  work: () => Promise<void>,
  tell: (message: SlackMessage) => Promise<unknown>,
): Promise<void> {
  return kitGuarded({ log: deps.log, label: 'Slack', work: deps.work, failed: deps.failed }, `Slack ${what} failed`, fields, work, (sorry) => tell(renderReply(sorry)));
}

/** Posts a rendered message, never unfurling links from documents into big previews. */
export function postMessage(
  client: webApi.WebClient,
  where: { channel: string; thread_ts?: string },
  message: SlackMessage,
): Promise<webApi.ChatPostMessageResponse> {
  return client.chat.postMessage({
    channel: where.channel,
    ...(where.thread_ts ? { thread_ts: where.thread_ts } : {}),
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
}

/** Shows a message in a conversation to one person only. */
export function postEphemeral(
  client: webApi.WebClient,
  where: { channel: string; thread_ts?: string },
  user: string,
  message: SlackMessage,
): Promise<webApi.ChatPostEphemeralResponse> {
  return client.chat.postEphemeral({
    channel: where.channel,
    user,
    ...(where.thread_ts ? { thread_ts: where.thread_ts } : {}),
    text: message.text,
    blocks: message.blocks,
  });
}

/** A private reply through a response_url, shown only to the person who typed or clicked. */
export function privately(message: SlackMessage): SlackMessage & { response_type: 'ephemeral'; replace_original: false } {
  return { response_type: 'ephemeral', replace_original: false, ...message };
}
