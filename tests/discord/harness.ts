// One running bot for tests: the real desk, the real discord.js client through adapters/discord,
// and a fake Discord on 127.0.0.1, plus helpers to send it what a person would do.

import { openDesk, type Desk } from '../../src/desk.js';
import type { DiscordConfig } from '../../adapters/discord/config.js';
import { createLogger } from '../../src/log.js';
import type { RunningPlatform } from '../../src/types.js';
import { startDiscord } from '../../adapters/discord/index.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type RestCall } from '../fakes/discord.js';
import { buttonClick, IDS, slashCommand, TOKEN, userMessage, type UserMessageOptions } from '../fakes/discord-payloads.js';
import { ILO_DIR } from '../fixtures/paths.js';

export interface Harness {
  fake: FakeDiscord;
  desk: Desk;
  discord: RunningPlatform;
  /** Every log line the bot wrote, as JSON objects. */
  logs: Array<Record<string, any>>;
  /** Sends a MESSAGE_CREATE; returns the message as dispatched. */
  say(o: UserMessageOptions): ReturnType<typeof userMessage>;
  /** The bot's reply to a message (the first post referencing it). */
  replyTo(message: { id: string; channel_id: string }): Promise<RestCall>;
  /** Sends `/policy question:<text>`; returns the interaction as dispatched. */
  slash(question: string, o?: Parameters<typeof slashCommand>[1]): ReturnType<typeof slashCommand>;
  click(customId: string, message: Record<string, unknown>, o?: Parameters<typeof buttonClick>[2]): ReturnType<typeof buttonClick>;
  close(): Promise<void>;
}

export interface HarnessOptions extends FakeDiscordOptions {
  seedsDir?: string;
  /** Register /policy for the fake's server (default) or, with null, globally. */
  guildId?: string | null;
  /** The token the bot logs in with (default: the one the fake accepts). */
  token?: string;
  /** Questions one person may ask per minute (default: no limit). */
  rateLimitPerMinute?: number;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeDiscord(options);
  const desk = await openDesk({ seedsDir: options.seedsDir ?? ILO_DIR, dataDir: ':memory:', rateLimitPerMinute: options.rateLimitPerMinute });
  const logs: Array<Record<string, any>> = [];
  const log = createLogger({ level: 'info', format: 'json', secrets: [TOKEN], write: (line) => logs.push(JSON.parse(line)) });
  const guildId = options.guildId === null ? undefined : (options.guildId ?? IDS.guild);
  const config: DiscordConfig = { token: options.token ?? TOKEN, apiUrl: fake.apiUrl, ...(guildId ? { guildId } : {}) };
  let discord: RunningPlatform;
  try {
    discord = await startDiscord(desk, config, log);
  } catch (err) {
    desk.close();
    await fake.close();
    throw err;
  }

  return {
    fake,
    desk,
    discord,
    logs,
    say(o) {
      const message = userMessage(o);
      fake.dispatch('MESSAGE_CREATE', message);
      return message;
    },
    replyTo(message) {
      return fake.waitForCall(
        (c) => c.method === 'POST' && c.path === `/channels/${message.channel_id}/messages` && c.body?.message_reference?.message_id === message.id,
        `a reply to message ${message.id}`,
      );
    },
    slash(question, o) {
      const interaction = slashCommand(question, o);
      fake.dispatch('INTERACTION_CREATE', interaction);
      return interaction;
    },
    click(customId, message, o) {
      const interaction = buttonClick(customId, message, o);
      fake.dispatch('INTERACTION_CREATE', interaction);
      return interaction;
    },
    async close() {
      // The client first, or it keeps reconnecting to a fake that is gone.
      await discord.stop();
      desk.close();
      await fake.close();
    },
  };
}

/** Custom ids of the buttons in a message body, by label. */
export function buttonsOf(body: any): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of body?.components ?? []) for (const b of row.components ?? []) out[b.label] = b.custom_id;
  return out;
}
