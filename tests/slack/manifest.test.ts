// The manifest an admin pastes must ask Slack for everything the adapter listens to,
// or the bot connects fine and then hears nothing.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const manifest = parse(fs.readFileSync('slack-manifest.yml', 'utf8'));

describe('slack-manifest.yml', () => {
  it('subscribes to mentions and direct messages, with the scopes to read them', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_mention', 'message.im']));
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['app_mentions:read', 'im:history', 'chat:write', 'commands']));
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });

  it('may ask Slack whether a channel is public, private or a group DM, so the digest quotes only public ones', () => {
    // conversations.info needs the scope of the conversation's kind; without one the lookup fails and the question counts as private.
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['channels:read', 'groups:read', 'mpim:read']));
  });

  it('declares the /policy command and turns on the buttons', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toContain('/policy');
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('uses Socket Mode as shipped, so no public URL is needed', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
