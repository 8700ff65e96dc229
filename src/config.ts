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

export interface ApiConfig {
  /** The bearer token callers send; compared in constant time, never logged. */
  token: string;
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
  api?: ApiConfig;
  digest: DigestConfig;
  healthPort?: number;
  /** Interface for Policy Desk's HTTP servers (Slack HTTP mode, health). */
  host: string;
  /** Values that must never be printed; the logger masks them. */
  secrets: string[];
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
  DATA_DIR: 'Folder for the SQLite store (default ./data; :memory: keeps nothing).',
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
  API_TOKEN: 'Bearer token for the HTTP JSON API (POST /api/ask): turns it on, served where /healthz is. At least 16 characters.',
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
  const port = (name: string, fallback?: number): number | undefined => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      problems.push(`${name} must be a port number from 0 to 65535.`);
      return fallback;
    }
    return n;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const raw = get(name)?.toLowerCase();
    if (raw === undefined) return undefined;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of: ${allowed.join(', ')}.`);
    return undefined;
  };
  const url = (name: string, mustEndWith: string): string | undefined => {
    const raw = get(name);
    if (raw === undefined) return undefined;
    if (!/^https?:\/\//.test(raw)) {
      problems.push(`${name} must be an http(s) URL.`);
      return undefined;
    }
    // Bolt wants ".../api/", discord.js wants ".../api": mend the slash rather than fail on it.
    const bare = raw.replace(/\/+$/, '');
    return mustEndWith.endsWith('/') ? `${bare}/` : bare;
  };

  const secrets: string[] = [];
  const secret = (name: string): string | undefined => {
    const value = get(name);
    if (value) secrets.push(value);
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
  const discordToken = secret('DISCORD_TOKEN');
  if (discordToken) {
    const guildId = get('DISCORD_GUILD_ID');
    if (guildId && !/^\d{5,25}$/.test(guildId)) problems.push('DISCORD_GUILD_ID must be a numeric server id.');
    discord = { token: discordToken, guildId, apiUrl: url('DISCORD_API_URL', '/api') };
  }

  let api: ApiConfig | undefined;
  const apiToken = secret('API_TOKEN');
  if (apiToken) {
    if (apiToken.length < 16) problems.push('API_TOKEN must be at least 16 characters (e.g. the output of: openssl rand -hex 32).');
    if (get('HEALTH_PORT') === undefined && !(slack && !slack.appToken)) problems.push('API_TOKEN is set but no HTTP server runs: set HEALTH_PORT (or run Slack in HTTP mode, which serves it on PORT).');
    api = { token: apiToken };
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
    api,
    digest: {
      cron: digestCron,
      timezone: digestTimezone,
      slackChannel: get('DIGEST_SLACK_CHANNEL'),
      discordChannel: get('DIGEST_DISCORD_CHANNEL'),
    },
    healthPort: port('HEALTH_PORT'),
    host: get('HOST') ?? '0.0.0.0',
    secrets,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
