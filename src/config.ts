// The one place that reads the environment. Everything else receives a Config.
// Error messages name variables, never their values: a token pasted into the wrong
// variable must not end up in a terminal scroll-back or a log file.

import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { scheduleProblems } from './digest/schedule.js';

export type LogFormat = 'text' | 'json';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface SlackConfig {
  botToken: string;
  /** Set: Socket Mode. Unset: HTTP mode, which needs signingSecret. */
  appToken?: string;
  signingSecret?: string;
  /** Web API base ending in "/api/"; tests point it at a fake Slack. */
  apiUrl?: string;
  host: string;
  port: number;
}

export interface DiscordConfig {
  token: string;
  /** Register /policy for this guild only (instant), instead of globally. */
  guildId?: string;
  /** REST base ending in "/api" with no version; tests point it at a fake Discord. */
  apiUrl?: string;
}

export interface DigestConfig {
  cron: string;
  timezone: string;
  slackChannel?: string;
  discordChannel?: string;
}

export interface Config {
  seedsDir: string;
  dataDir: string;
  /** Unset: info when a chat platform is on, warn for the terminal chat alone (its answers share the screen). */
  logLevel?: LogLevel;
  logFormat: LogFormat;
  slack?: SlackConfig;
  discord?: DiscordConfig;
  digest: DigestConfig;
  healthPort?: number;
  /** Questions one person may ask per minute on Slack or Discord (0: no limit). */
  rateLimitPerMinute: number;
  /** Interface for Policy Desk's HTTP servers (Slack HTTP mode, health). */
  host: string;
  /** Values that must never be printed; the logger masks them. */
  secrets: string[];
  /** Started by an npm script (`npm start`): the bot then stops if npm itself is killed. */
  underNpm: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problem${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

/** Every variable Policy Desk reads, with what it does: the source for .env.example and the README. */
export const VARIABLES: Record<string, string> = {
  SEEDS_DIR: 'Folder of documents to index (default ./seeds).',
  DATA_DIR: 'Folder for the SQLite store, parsed documents and the saved index (default ./data; :memory: keeps nothing).',
  LOG_LEVEL: 'debug, info, warn or error (default info; warn when only the terminal chat runs).',
  LOG_FORMAT: 'text or json (default text).',
  SLACK_BOT_TOKEN: 'Bot token (xoxb-…): turns Slack on.',
  SLACK_APP_TOKEN: 'App-level token (xapp-…) with connections:write: Socket Mode. Unset means HTTP mode.',
  SLACK_SIGNING_SECRET: 'Signing secret: required in HTTP mode.',
  SLACK_API_URL: 'Slack Web API base, ending in /api/ (default Slack’s own; tests use a local fake).',
  HOST: 'Interface for the HTTP server (default 0.0.0.0).',
  PORT: 'Port for Slack HTTP mode (default 3000).',
  DISCORD_TOKEN: 'Bot token: turns Discord on.',
  DISCORD_GUILD_ID: 'Register /policy in this server only (instant) instead of globally.',
  DISCORD_API_URL: 'Discord REST base, ending in /api (default Discord’s own; tests use a local fake).',
  DIGEST_CRON: 'When to post the digest, cron syntax (default "0 9 * * 1-5": weekdays 09:00).',
  DIGEST_TIMEZONE: 'IANA time zone for DIGEST_CRON (default UTC).',
  DIGEST_SLACK_CHANNEL: 'Slack channel id for the digest; unset posts none to Slack.',
  DIGEST_DISCORD_CHANNEL: 'Discord channel id for the digest; unset posts none to Discord.',
  HEALTH_PORT: 'Serve GET /healthz on this port (Slack HTTP mode serves it on PORT).',
  RATE_LIMIT_PER_MINUTE: 'Questions one person may ask per minute on Slack or Discord (default 20; 0 turns the limit off).',
};

type Env = Record<string, string | undefined>;

/** The process's configuration: .env (if there is one) under the real environment, which wins. */
export function readConfig(): Config {
  loadDotenv({ quiet: true });
  return loadConfig(process.env);
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const integer = (name: string, max: number, what: string, fallback?: number): number | undefined => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > max) {
      problems.push(`${name} must be ${what} from 0 to ${max}.`);
      return fallback;
    }
    return n;
  };
  const port = (name: string, fallback?: number): number | undefined => integer(name, 65535, 'a port number', fallback);
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const raw = get(name)?.toLowerCase();
    if (raw === undefined) return undefined;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of: ${allowed.join(', ')}.`);
    return undefined;
  };
  const example: Record<string, string> = { SLACK_API_URL: 'https://slack.com/api/', DISCORD_API_URL: 'https://discord.com/api' };
  const url = (name: string, mustEndWith: string): string | undefined => {
    const raw = get(name);
    if (raw === undefined) return undefined;
    if (!/^https?:\/\//.test(raw)) {
      problems.push(`${name} must be an http(s) URL.`);
      return undefined;
    }
    // Bolt wants ".../api/", discord.js wants ".../api": mend the slash rather than fail on it.
    const bare = raw.replace(/\/+$/, '');
    // A base without /api (or with discord.js's own /v10 after it) fails much later as a rejected
    // token or an endless outage: say so now. The value is not echoed: it may hold a credential.
    if (!/\/api$/.test(bare)) {
      const version = /\/api\/v\d+$/.test(bare) ? ', with no API version after it (the library adds it)' : '';
      problems.push(`${name} must be the API base ending in ${mustEndWith}${version}, e.g. ${example[name] ?? `https://example.com${mustEndWith}`}.`);
      return undefined;
    }
    return mustEndWith.endsWith('/') ? `${bare}/` : bare;
  };

  const secrets: string[] = [];
  const secret = (name: string, normalise: (value: string) => string = (v) => v): string | undefined => {
    const raw = get(name);
    const value = raw === undefined ? undefined : normalise(raw).trim() || undefined;
    if (raw) secrets.push(raw);
    if (value && value !== raw) secrets.push(value);
    return value;
  };

  let slack: SlackConfig | undefined;
  const slackBot = secret('SLACK_BOT_TOKEN');
  const slackApp = secret('SLACK_APP_TOKEN');
  const slackSecret = secret('SLACK_SIGNING_SECRET');
  if (slackBot) {
    if (!slackBot.startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN must be a bot token starting with xoxb-.');
    if (slackApp && !slackApp.startsWith('xapp-')) problems.push('SLACK_APP_TOKEN must be an app-level token starting with xapp-.');
    if (!slackApp && !slackSecret) problems.push('SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).');
    slack = {
      botToken: slackBot,
      appToken: slackApp,
      signingSecret: slackSecret,
      apiUrl: url('SLACK_API_URL', '/api/'),
      host: get('HOST') ?? '0.0.0.0',
      port: port('PORT', 3000)!,
    };
  } else if (slackApp || slackSecret) {
    problems.push('SLACK_BOT_TOKEN is missing: Slack needs it alongside SLACK_APP_TOKEN or SLACK_SIGNING_SECRET.');
  }

  let discord: DiscordConfig | undefined;
  // Copied with its "Bot " prefix, the token still works (discord.js strips it), but the mask
  // would then not cover the bare token discord.js prints in part: strip it here.
  const discordToken = secret('DISCORD_TOKEN', (v) => v.replace(/^(?:Bot|Bearer)\s+/i, ''));
  if (discordToken) {
    const guildId = get('DISCORD_GUILD_ID');
    if (guildId && !/^\d{5,25}$/.test(guildId)) problems.push('DISCORD_GUILD_ID must be a numeric server id.');
    discord = { token: discordToken, guildId, apiUrl: url('DISCORD_API_URL', '/api') };
  }

  const digestCron = get('DIGEST_CRON') ?? '0 9 * * 1-5';
  const digestTimezone = get('DIGEST_TIMEZONE') ?? 'UTC';
  // A schedule that cannot run is a start-up error, not a digest that silently never comes.
  problems.push(...scheduleProblems(digestCron, digestTimezone));

  const config: Config = {
    seedsDir: path.resolve(cwd, get('SEEDS_DIR') ?? 'seeds'),
    // ":memory:" is SQLite's throw-away store, not a folder.
    dataDir: get('DATA_DIR') === ':memory:' ? ':memory:' : path.resolve(cwd, get('DATA_DIR') ?? 'data'),
    logLevel: oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const),
    logFormat: oneOf('LOG_FORMAT', ['text', 'json'] as const) ?? 'text',
    slack,
    discord,
    digest: {
      cron: digestCron,
      timezone: digestTimezone,
      slackChannel: get('DIGEST_SLACK_CHANNEL'),
      discordChannel: get('DIGEST_DISCORD_CHANNEL'),
    },
    healthPort: port('HEALTH_PORT'),
    rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', 1_000_000, 'a whole number', 20)!,
    host: get('HOST') ?? '0.0.0.0',
    secrets,
    underNpm: get('npm_lifecycle_event') !== undefined,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
