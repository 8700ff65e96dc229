// The slash command (/policy in the manifest): ack at once, answer privately through the
// response_url, with Share / Helpful / Not helpful under an answer.

import type { App } from '@slack/bolt';
import { firstDelivery, guarded, privately, type ListenerDeps } from './listener-tools.js';
import { fromSlackText, stripBotMention } from './mrkdwn.js';
import { renderReply } from './render.js';

export function listenForCommands(app: App, deps: ListenerDeps): void {
  // Any command name: Slack only sends this app its own commands, and an admin may have renamed
  // /policy in the manifest to avoid a clash with another app.
  app.command(/^\/.+/, async ({ command, ack, respond, context }) => {
    // Slack gives up after 3 s and a late ack throws: acknowledge before any work.
    await ack();
    // Only a forged or broken payload lacks one (over HTTP it is refused before this); there is
    // nowhere to answer, and it is bad input, not a failure of ours.
    if (!command.response_url) {
      deps.log.warn('ignored a Slack command without a response_url', { user: command.user_id, channel: command.channel_id });
      return;
    }
    // Commands carry no event id; the trigger id is unique to one invocation.
    if (!(await firstDelivery(deps, `command:${command.trigger_id || `${command.user_id}:${command.text}`}`))) return;
    const fields = { user: command.user_id, channel: command.channel_id };
    await guarded(
      deps,
      'command',
      fields,
      async () => {
        const text = fromSlackText(stripBotMention(command.text ?? '', context.botUserId));
        const reply = await deps.desk.handle({ type: 'message', text, platform: 'slack', audience: 'private', ...fields });
        await respond(privately(renderReply(reply, { feedback: true, share: true, showQuestion: true })));
      },
      (message) => respond(privately(message)),
    );
  });
}
