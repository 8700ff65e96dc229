// Messages: a mention in a channel is answered in its thread; a direct message is answered in the DM.
// Bots are never answered (two bots answering each other never stop), nor edits, joins and the like.

import type { App } from '@slack/bolt';
import type { Audience, Incoming } from '../../src/types.js';
import { isDirectMessage, type ChannelAudience } from './audience.js';
import { firstDelivery, guarded, postEphemeral, postMessage, type ListenerDeps } from './listener-tools.js';
import { fromSlackText, stripBotMention } from './mrkdwn.js';
import { renderReply } from './render.js';

interface Said {
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  text?: string;
}

const PRIVATE = async (): Promise<Audience> => 'private';

/** `audienceOf` says who sees a mention in a channel (audience.ts). */
export function listenForMessages(app: App, deps: ListenerDeps, audienceOf: ChannelAudience): void {
  app.event('app_mention', async ({ event, body, client, context }) => {
    if (event.bot_id || event.subtype) return;
    // Mentioned in a thread: stay in it. Mentioned in the channel: start a thread under the question.
    await answer(deps, client, { ...event, thread_ts: event.thread_ts ?? event.ts }, body.event_id, context.botUserId, () => audienceOf(event.channel));
  });

  app.message(async ({ message, body, client, context }) => {
    // Plain messages only: a subtype means a bot post, an edit, a join, a deletion…
    if (message.subtype !== undefined) return;
    if (message.channel_type !== 'im' || message.bot_id || message.bot_profile) return;
    await answer(deps, client, message, body.event_id, context.botUserId, PRIVATE);
  });
}

async function answer(
  deps: ListenerDeps,
  client: Parameters<typeof postMessage>[0],
  said: Said,
  eventId: string,
  botUserId: string | undefined,
  audienceOf: () => Promise<Audience>,
): Promise<void> {
  // Keyed on the message rather than the event: a redelivery and a second event type for the
  // same message (a mention inside a DM) are both the same question.
  if (!(await firstDelivery(deps, `message:${said.channel}:${said.ts || eventId}`))) return;
  const where = { channel: said.channel, thread_ts: said.thread_ts };
  await guarded(
    deps,
    'message',
    { user: said.user, channel: said.channel },
    async () => {
      const text = fromSlackText(stripBotMention(said.text ?? '', botUserId));
      const audience = await audienceOf();
      const incoming: Incoming = { type: 'message', text, platform: 'slack', user: said.user, channel: said.channel, audience };
      const reply = await deps.desk.handle(incoming);
      // A note for the asker alone (too many questions) is shown only to them, even in a channel.
      if (reply.private && !isDirectMessage(said.channel) && said.user) await postEphemeral(client, where, said.user, renderReply(reply));
      else await postMessage(client, where, renderReply(reply, { feedback: true }));
    },
    (message) => postMessage(client, where, message),
  );
}
