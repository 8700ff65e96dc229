// DATABASE_URL: unset keeps today's SQLite store; a PostgreSQL URL is taken and its password masked
// in every log line; anything else is a start-up error naming the variable, never its value.

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';

describe('DATABASE_URL', () => {
  it('unset: the SQLite store in DATA_DIR, as before', () => {
    const config = loadConfig({ DATA_DIR: '/var/lib/policy-desk' }, '/');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('/var/lib/policy-desk');
  });

  it('a PostgreSQL URL is used, and its password never reaches a log line', () => {
    const url = 'postgres://desk:p%40ss-w0rd-long@db.internal:5432/policy_desk';
    const config = loadConfig({ DATABASE_URL: url });
    expect(config.databaseUrl).toBe(url);
    const lines: string[] = [];
    const log = createLogger({ format: 'json', secrets: config.secrets, write: (l) => lines.push(l) });
    log.error('driver said', { detail: `password "p@ss-w0rd-long" rejected for ${url}` });
    expect(lines.join('\n')).not.toContain('p@ss-w0rd-long');
    expect(lines.join('\n')).not.toContain(url);
  });

  it('anything else is a start-up error that names the variable, not the value', () => {
    for (const bad of ['mysql://root:hunter2secret@localhost/db', 'not a url hunter2secret']) {
      let error: unknown;
      try {
        loadConfig({ DATABASE_URL: bad });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('DATABASE_URL must be a PostgreSQL URL');
      expect((error as Error).message).not.toContain('hunter2secret');
    }
  });
});
