// What Slack sends an app, shaped as Slack shapes it: slash commands, event callbacks, button clicks.
// The same payloads travel over Socket Mode envelopes and signed HTTP requests.

import { BOT_USER_ID, TEAM_ID, type FakeSlack } from './slack.js';

export const APP_ID = 'A0000001';
let sequence = 0;
const next = () => ++sequence;

/** A unique message timestamp, as Slack writes them. */
export function ts(): string {
  return `1710000000.${String(next()).padStart(6, '0')}`;
}

export interface CommandOptions {
  text: string;
  user?: string;
  channel?: string;
  command?: string;
  triggerId?: string;
}

export type SlashCommandPayload = Record<string, string> & { response_url: string; trigger_id: string };

export function slashCommand(fake: FakeSlack, o: CommandOptions): SlashCommandPayload {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'fake',
    channel_id: o.channel ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: o.user ?? 'U0ASKER1',
    user_name: 'asker',
    command: o.command ?? '/policy',
    text: o.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: fake.responseUrl(),
    trigger_id: o.triggerId ?? `trigger-${next()}`,
  };
}

export function eventCallback(event: Record<string, unknown>, eventId = `Ev${next()}`): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: 1710000000,
    authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function mention(o: { text: string; user?: string; channel?: string; ts?: string; thread_ts?: string; bot_id?: string }) {
  const at = o.ts ?? ts();
  return {
    type: 'app_mention',
    user: o.user ?? 'U0ASKER1',
    text: o.text,
    ts: at,
    channel: o.channel ?? 'C0GENERAL',
    event_ts: at,
    ...(o.thread_ts ? { thread_ts: o.thread_ts } : {}),
    ...(o.bot_id ? { bot_id: o.bot_id } : {}),
  };
}

export function directMessage(o: { text: string; user?: string; channel?: string; ts?: string; bot_id?: string; subtype?: string }) {
  const at = o.ts ?? ts();
  return {
    type: 'message',
    channel_type: 'im',
    channel: o.channel ?? 'D0ASKER1',
    user: o.user ?? 'U0ASKER1',
    text: o.text,
    ts: at,
    event_ts: at,
    ...(o.bot_id ? { bot_id: o.bot_id } : {}),
    ...(o.subtype ? { subtype: o.subtype } : {}),
  };
}

export interface ClickOptions {
  actionId: string;
  value: string;
  user?: string;
  channel?: string;
  /** A click on a private (ephemeral) message, as under a slash command answer. */
  ephemeral?: boolean;
}

export function buttonClick(fake: FakeSlack, o: ClickOptions): Record<string, unknown> {
  const channel = o.channel ?? 'C0GENERAL';
  const messageTs = ts();
  return {
    type: 'block_actions',
    user: { id: o.user ?? 'U0ASKER1', username: 'asker', name: 'asker', team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: Boolean(o.ephemeral) },
    trigger_id: `trigger-${next()}`,
    team: { id: TEAM_ID, domain: 'fake' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: 'general' },
    ...(o.ephemeral ? {} : { message: { type: 'message', ts: messageTs, text: 'an answer', user: BOT_USER_ID } }),
    response_url: fake.responseUrl(),
    actions: [
      {
        type: 'button',
        action_id: o.actionId,
        block_id: 'policy_desk_answer',
        text: { type: 'plain_text', text: 'button' },
        value: o.value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}
