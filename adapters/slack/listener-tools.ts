// What every Slack listener needs: the desk, a log, the in-flight tracker, answering each
// delivery once, and turning a failure into one log line and an apology the asker can quote.

import type { webApi } from '@slack/bolt';
import type { Desk } from '../../src/desk.js';
import { apology, newErrorId } from '../../src/errors.js';
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

/**
 * True the first time a delivery is seen. Slack redelivers events it thinks were not acked, and an
 * identical signed request replayed over HTTP reaches the listener again: each must be answered once.
 */
export function firstDelivery(deps: ListenerDeps, key: string): boolean {
  try {
    return deps.desk.store.claimEvent(`slack:${key}`);
  } catch (err) {
    deps.desk.storeWrites.failed(err);
    // A store that cannot record the claim should not silence the bot: answering twice is the lesser harm.
    deps.log.warn('could not record a Slack delivery; answering anyway', { key, err });
    return true;
  }
}

/**
 * Runs a listener's work, tracked for a clean stop. On failure: one error line with an id, and the
 * apology carrying that id delivered by `tell` (itself allowed to fail: then a warning, same id).
 */
export function guarded(
  deps: ListenerDeps,
  what: string,
  fields: LogFields,
  work: () => Promise<void>,
  tell: (message: SlackMessage) => Promise<unknown>,
): Promise<void> {
  return deps.work.run(async () => {
    try {
      await work();
    } catch (err) {
      const errorId = newErrorId();
      deps.failed?.(err);
      deps.log.error(`Slack ${what} failed`, { errorId, ...fields, err });
      try {
        await tell(renderReply(apology(errorId)));
      } catch (tellErr) {
        deps.log.warn('could not deliver the apology on Slack', { errorId, err: tellErr });
      }
    }
  });
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
