// Starting and stopping: what the bot asks Discord for, what it registers, and the start-up
// errors a person setting it up would meet.

import { describe, expect, it } from 'vitest';
import { DiscordStartError, startDiscord } from '../../adapters/discord/index.js';
import { openDesk } from '../../src/desk.js';
import { silentLogger } from '../../src/log.js';
import { EXPECTED_INTENTS, IDS, TOKEN } from '../fakes/discord-payloads.js';
import { startFakeDiscord } from '../fakes/discord.js';
import { startHarness, type HarnessOptions } from './harness.js';
import { ILO_DIR } from '../fixtures/paths.js';

/** The error a start with these options fails with. */
async function startError(options: HarnessOptions): Promise<Error> {
  try {
    const h = await startHarness(options);
    await h.close();
  } catch (err) {
    return err as Error;
  }
  throw new Error('Policy Desk started, but was expected to fail');
}

describe('start-up', () => {
  it('identifies with exactly the four intents, registers /policy from the command table for the server, and stops cleanly', async () => {
    const h = await startHarness();
    try {
      expect(h.fake.identifies).toHaveLength(1);
      expect(h.fake.identifies[0].intents).toBe(EXPECTED_INTENTS);
      const [command, ...others] = h.fake.commands.get(IDS.guild) ?? [];
      expect(others).toEqual([]);
      expect(h.fake.commands.has('global')).toBe(false);
      expect(command.name).toBe('policy');
      expect(command.options).toEqual([expect.objectContaining({ name: 'question', type: 3, required: true })]);
      // What can be typed is taken from the core's command table.
      const described = command.options[0].description as string;
      expect(described).toMatch(/^A question, or a command \(help lists them all\): /);
      for (const c of h.desk.commands.slice(0, 3)) expect(described).toContain(c.name);
      expect(h.discord.status().connected).toBe(true);
      expect(h.fake.openSockets()).toBe(1);
    } finally {
      await h.discord.stop();
    }
    expect(h.discord.status().connected).toBe(false);
    await expect.poll(() => h.fake.openSockets()).toBe(0);
    // Stopping is not a lost connection.
    expect(h.logs.map((l) => l.msg)).not.toContain('Discord gateway connection lost; discord.js is reconnecting');
    await h.close();
  });

  it('registers /policy globally when no server is configured', async () => {
    const h = await startHarness({ guildId: null });
    try {
      expect(h.fake.commands.get('global')?.map((c) => c.name)).toEqual(['policy']);
      expect(h.fake.commands.has(IDS.guild)).toBe(false);
    } finally {
      await h.close();
    }
  });

  it('fails with a clear message when the Message Content intent is not enabled', async () => {
    const error = await startError({ privilegedIntents: false });
    expect(error).toBeInstanceOf(DiscordStartError);
    expect(error.message).toMatch(/Message Content Intent/);
  });

  it('fails with a clear message, naming the variable and not the value, when the token is wrong', async () => {
    const token = 'MTIz.not-the-right.token';
    const error = await startError({ token });
    expect(error).toBeInstanceOf(DiscordStartError);
    expect(error.message).toContain('DISCORD_TOKEN');
    expect(error.message).not.toContain(token);
  });

  it('fails with a clear message when DISCORD_GUILD_ID names a server the bot is not in', async () => {
    const error = await startError({ guildId: '123456789012345678' });
    expect(error).toBeInstanceOf(DiscordStartError);
    expect(error.message).toContain('DISCORD_GUILD_ID');
  });

  it('leaves no connection behind after a failed start', async () => {
    const fake = await startFakeDiscord({ privilegedIntents: false });
    const desk = await openDesk({ seedsDir: ILO_DIR, dataDir: ':memory:' });
    await expect(startDiscord(desk, { token: TOKEN, apiUrl: fake.apiUrl }, silentLogger)).rejects.toThrow(DiscordStartError);
    expect(fake.identifies).toHaveLength(1);
    await expect.poll(() => fake.openSockets()).toBe(0);
    desk.close();
    await fake.close();
  });
});
