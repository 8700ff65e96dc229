// Button clicks under an answer. Feedback is recorded and thanked privately: a click never
// posts in the channel. Share posts the answer for everyone, naming who asked.

import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { notice } from '../../src/reply.js';
import { ACTION, contextBlock, questionIdFrom, sectionBlock, type SlackMessage } from './blocks.js';
import { platformErrorCode } from './errors.js';
import { firstDelivery, guarded, postMessage, privately, type ListenerDeps } from './listener-tools.js';
import { renderReply } from './render.js';

/** Slack's answers to a post in a conversation the bot is not part of. */
const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

interface Click {
  user: string;
  channel?: string;
  questionId?: number;
}

export function listenForButtons(app: App, deps: ListenerDeps): void {
  const feedback = (helpful: boolean) =>
    app.action<BlockAction<ButtonAction>>(ACTION[helpful ? 'helpful' : 'notHelpful'], async ({ ack, body, action, respond }) => {
      await ack();
      const click = readClick(body, action);
      if (!(await firstDelivery(deps, `action:${body.trigger_id || action.action_ts}`))) return;
      await guarded(
        deps,
        'feedback',
        { user: click.user, questionId: click.questionId },
        async () => {
          if (click.questionId === undefined) {
            await respond(privately(staleButton()));
            return;
          }
          const reply = await deps.desk.handle({ type: 'feedback', questionId: click.questionId, helpful, platform: 'slack', user: click.user });
          await respond(privately(renderReply(reply)));
        },
        (message) => respond(privately(message)),
      );
    });
  feedback(true);
  feedback(false);

  app.action<BlockAction<ButtonAction>>(ACTION.share, async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const click = readClick(body, action);
    if (!(await firstDelivery(deps, `action:${body.trigger_id || action.action_ts}`))) return;
    await guarded(
      deps,
      'share',
      { user: click.user, channel: click.channel, questionId: click.questionId },
      async () => {
        if (click.questionId === undefined || !click.channel) {
          await respond(privately(staleButton()));
          return;
        }
        const reply = await deps.desk.handle({ type: 'share', questionId: click.questionId, platform: 'slack', user: click.user });
        if (reply.kind === 'error') {
          await respond(privately(renderReply(reply)));
          return;
        }
        try {
          await postMessage(client, { channel: click.channel }, renderReply(reply, { feedback: true, askedBy: click.user }));
        } catch (err) {
          const code = platformErrorCode(err);
          if (!code || !NOT_A_MEMBER.has(code)) throw err;
          await respond(privately(inviteFirst(context.botUserId)));
          return;
        }
        await removePrivateCopy(respond, deps);
      },
      (message) => respond(privately(message)),
    );
  });
}

function readClick(body: BlockAction, action: ButtonAction): Click {
  return {
    user: body.user.id,
    channel: body.channel?.id ?? body.container?.channel_id,
    questionId: questionIdFrom(action.value),
  };
}

/** The answer is in the channel now; the private copy with its Share button would only confuse. */
async function removePrivateCopy(respond: RespondFn, deps: ListenerDeps): Promise<void> {
  try {
    await respond({ delete_original: true });
  } catch (err) {
    deps.log.debug('could not remove the private copy of a shared answer', { err });
  }
}

function inviteFirst(botUserId: string | undefined): SlackMessage {
  // A real mention renders as the bot's current name, whatever the admin called it.
  const me = botUserId ? `<@${botUserId}>` : '@Policy Desk';
  return {
    text: `I can’t post in this conversation yet. Type /invite ${me} here, then press Share in channel again.`,
    blocks: [
      sectionBlock(`*I can’t post in this conversation yet.* Type /invite ${me} here, then press *Share in channel* again.`),
      contextBlock('Bots can’t be invited into a direct message between people: copy the answer instead.'),
    ],
  };
}

function staleButton(): SlackMessage {
  return renderReply(notice('error', 'That button no longer works', 'Ask the question again to get a fresh answer.'));
}
