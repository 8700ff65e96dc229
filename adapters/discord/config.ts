// Discord's variables: read and checked here, composed into the one reader in src/config.ts.

import type { VariableReader } from '../../src/config.js';

export interface DiscordConfig {
  token: string;
  /** Register /policy for this guild only (instant), instead of globally. */
  guildId?: string;
  /** REST base ending in "/api" with no version; tests point it at a fake Discord. */
  apiUrl?: string;
}

export const DISCORD_VARIABLES = {
  DISCORD_TOKEN: 'Bot token: turns Discord on.',
  DISCORD_GUILD_ID: 'Register /policy in this server only (instant) instead of globally.',
  DISCORD_API_URL: 'Discord REST base, ending in /api (default Discord’s own; tests use a local fake).',
  DIGEST_DISCORD_CHANNEL: 'Discord channel id for the digest; unset posts none to Discord.',
};

export function readDiscordConfig(vars: VariableReader): DiscordConfig | undefined {
  // Copied with its "Bot " prefix, the token still works (discord.js strips it), but the mask
  // would then not cover the bare token discord.js prints in part: strip it here.
  const discordToken = vars.secret('DISCORD_TOKEN', (v) => v.replace(/^(?:Bot|Bearer)\s+/i, ''));
  if (!discordToken) return undefined;
  const guildId = vars.get('DISCORD_GUILD_ID');
  if (guildId && !/^\d{5,25}$/.test(guildId)) vars.problem('DISCORD_GUILD_ID must be a numeric server id.');
  return { token: discordToken, guildId, apiUrl: vars.url('DISCORD_API_URL', '/api', 'https://discord.com/api') };
}
