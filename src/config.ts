// The one place that reads the environment. Everything else receives a Config.
// Error messages name variables, never their values: a token pasted into the wrong
// variable must not end up in a terminal scroll-back or a log file.

import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { scheduleProblems } from './digest/schedule.js';

export type LogFormat = 'text' | 'json';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface DigestChannel {
  /** The platform's name, as its module declares it. */
  platform: string;
  channel: string;
  /** The variable that set it, for messages. */
  variable: string;
}

export interface DigestConfig {
  cron: string;
  timezone: string;
  /** The channel set for each platform that has one; unset when none is. */
  channels?: readonly DigestChannel[];
  /** Every variable that can set a digest channel, for "set … to post one" hints. */
  channelVariables?: readonly string[];
}

/** What reading a platform's variables can use: the same checks, and one list of problems. */
export interface VariableReader {
  /** The trimmed value; undefined when unset or blank. */
  get(name: string): string | undefined;
  /** Like get, and remembered as a secret the logger masks (as given, and as normalised). */
  secret(name: string, normalise?: (value: string) => string): string | undefined;
  port(name: string, fallback?: number): number | undefined;
  /** An API base URL ending in mustEndWith (its trailing slash mended); example is shown when it does not. */
  url(name: string, mustEndWith: string, example?: string): string | undefined;
  /** A start-up problem: names the variable, never its value. */
  problem(message: string): void;
}

/**
 * One platform's share of the configuration, declared in its own module under adapters/ and
 * composed into the one reader here: its variables (documented with the rest), how it reads
 * and checks them, and the variable naming its digest channel, if it posts digests.
 */
export interface PlatformConfigSpec<C = unknown> {
  name: string;
  /** Every variable it reads, with what it does, in the order the README lists them. */
  variables: Readonly<Record<string, string>>;
  /** Its settings when it is on; undefined when it is off. */
  read(vars: VariableReader): C | undefined;
  digestChannel?: string;
  /** True when, so configured, it serves Policy Desk's HTTP routes (the API) on its own port. */
  servesRoutes?(config: C): boolean;
  /** Set when it needs somewhere to serve HTTP routes: the variable that turned it on. */
  needsRoutes?: string;
  /** How this platform could serve them, for the message when nothing does. */
  routesHint?: string;
  /** Rewrites for log lines: credentials of this platform's that no secret list can name (its callback URLs). */
  logRedactions?: readonly ((line: string) => string)[];
}

export interface Config {
  seedsDir: string;
  dataDir: string;
  /** postgres://… : the shared PostgreSQL store (replicas); unset: SQLite in dataDir. */
  databaseUrl?: string;
  /** Unset: info when a chat platform is on, warn for the terminal chat alone (its answers share the screen). */
  logLevel?: LogLevel;
  logFormat: LogFormat;
  /** The settings of each platform that is on, by name (see PlatformConfigSpec). */
  platforms: Readonly<Record<string, unknown>>;
  digest: DigestConfig;
  healthPort?: number;
  /** Questions one person may ask per minute on a chat platform or the API (0: no limit). */
  rateLimitPerMinute: number;
  /** Interface for Policy Desk's HTTP servers (health, and any platform's own). */
  host: string;
  /** Values that must never be printed; the logger masks them. */
  secrets: string[];
  /** Started by an npm script (`npm start`): the bot then stops if npm itself is killed. */
  underNpm: boolean;
}

/** The user's documents folder when SEEDS_DIR is unset (relative to where Policy Desk starts). */
export const DEFAULT_SEEDS_DIR = 'seeds';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problem${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

/**
 * Every variable the core reads, with what it does: with each platform's own (adapters/platforms.ts),
 * the source for .env.example and the README.
 */
export const VARIABLES: Record<string, string> = {
  SEEDS_DIR: 'Folder of documents to index (default ./seeds).',
  DATA_DIR: 'Folder for the SQLite store, parsed documents and the saved index (default ./data; :memory: keeps nothing).',
  DATABASE_URL: 'postgres://user:password@host:5432/db: keep the store in PostgreSQL, shared by every replica (unset: SQLite in DATA_DIR).',
  LOG_LEVEL: 'debug, info, warn or error (default info; warn when only the terminal chat runs).',
  LOG_FORMAT: 'text or json (default text).',
  HOST: 'Interface for the HTTP server (default 0.0.0.0).',
  DIGEST_CRON: 'When to post the digest, cron syntax (default "0 9 * * 1-5": weekdays 09:00).',
  DIGEST_TIMEZONE: 'IANA time zone for DIGEST_CRON (default UTC).',
  HEALTH_PORT: 'Serve GET /healthz on this port (and the routes of platforms served over HTTP).',
  RATE_LIMIT_PER_MINUTE: 'Questions one person may ask per minute on a chat platform or the API (default 20; 0 turns the limit off).',
};

type Env = Record<string, string | undefined>;

/** The process's configuration: .env (if there is one) under the real environment, which wins. */
export function readConfig(platforms: readonly PlatformConfigSpec[] = []): Config {
  loadDotenv({ quiet: true });
  return loadConfig(process.env, process.cwd(), platforms);
}

export function loadConfig(env: Env = process.env, cwd = process.cwd(), platformSpecs: readonly PlatformConfigSpec[] = []): Config {
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
  const url = (name: string, mustEndWith: string, example?: string): string | undefined => {
    const raw = get(name);
    if (raw === undefined) return undefined;
    if (!/^https?:\/\//.test(raw)) {
      problems.push(`${name} must be an http(s) URL.`);
      return undefined;
    }
    // Some clients want a trailing slash and some refuse one: mend it rather than fail on it.
    const bare = raw.replace(/\/+$/, '');
    // A base without /api (or with discord.js's own /v10 after it) fails much later as a rejected
    // token or an endless outage: say so now. The value is not echoed: it may hold a credential.
    if (!/\/api$/.test(bare)) {
      const version = /\/api\/v\d+$/.test(bare) ? ', with no API version after it (the library adds it)' : '';
      problems.push(`${name} must be the API base ending in ${mustEndWith}${version}, e.g. ${example ?? `https://example.com${mustEndWith}`}.`);
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

  const vars: VariableReader = { get, secret, port, url, problem: (message) => problems.push(message) };
  const platforms: Record<string, unknown> = {};
  const channels: DigestChannel[] = [];
  for (const spec of platformSpecs) {
    const settings = spec.read(vars);
    if (settings !== undefined) platforms[spec.name] = settings;
    const channel = spec.digestChannel && get(spec.digestChannel);
    if (spec.digestChannel && channel) channels.push({ platform: spec.name, channel, variable: spec.digestChannel });
  }
  const healthPort = port('HEALTH_PORT');
  const servesRoutes = healthPort !== undefined || platformSpecs.some((s) => s.name in platforms && s.servesRoutes?.(platforms[s.name]));
  for (const spec of platformSpecs) {
    if (!(spec.name in platforms) || !spec.needsRoutes || servesRoutes) continue;
    const hints = platformSpecs.flatMap((s) => (s.routesHint ? [s.routesHint] : []));
    problems.push(`${spec.needsRoutes} is set but no HTTP server runs: set HEALTH_PORT${hints.map((h) => ` (or ${h})`).join('')}.`);
  }
  const channelVariables = platformSpecs.flatMap((s) => (s.digestChannel ? [s.digestChannel] : []));

  const databaseUrl = secret('DATABASE_URL');
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl) || !URL.canParse(databaseUrl)) problems.push('DATABASE_URL must be a PostgreSQL URL: postgres://user:password@host:5432/database.');
    else {
      // The password alone is masked too, should a driver print it apart from the URL.
      const password = decodeURIComponent(new URL(databaseUrl).password);
      if (password) secrets.push(password);
    }
  }

  const digestCron = get('DIGEST_CRON') ?? '0 9 * * 1-5';
  const digestTimezone = get('DIGEST_TIMEZONE') ?? 'UTC';
  // A schedule that cannot run is a start-up error, not a digest that silently never comes.
  problems.push(...scheduleProblems(digestCron, digestTimezone));

  const config: Config = {
    seedsDir: path.resolve(cwd, get('SEEDS_DIR') ?? DEFAULT_SEEDS_DIR),
    // ":memory:" is SQLite's throw-away store, not a folder.
    dataDir: get('DATA_DIR') === ':memory:' ? ':memory:' : path.resolve(cwd, get('DATA_DIR') ?? 'data'),
    databaseUrl,
    logLevel: oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const),
    logFormat: oneOf('LOG_FORMAT', ['text', 'json'] as const) ?? 'text',
    platforms,
    digest: {
      cron: digestCron,
      timezone: digestTimezone,
      ...(channels.length ? { channels } : {}),
      ...(channelVariables.length ? { channelVariables } : {}),
    },
    healthPort,
    rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', 1_000_000, 'a whole number', 20)!,
    host: get('HOST') ?? '0.0.0.0',
    secrets,
    underNpm: get('npm_lifecycle_event') !== undefined,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
