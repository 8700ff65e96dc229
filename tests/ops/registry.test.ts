// A platform plugs in through its module alone: its variables are read and checked with the
// rest, its digest channel reaches the digest, and nothing in src/ names it.

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type PlatformConfigSpec } from '../../src/config.js';
import { digestChannels, channelHint } from '../../src/digest/targets.js';
import { PLATFORMS, VARIABLES } from '../../adapters/platforms.js';

/** A made-up platform, as a module under adapters/ would declare it. */
const pager: PlatformConfigSpec<{ key: string }> = {
  name: 'pager',
  variables: { PAGER_KEY: 'Pager key: turns the pager on.', DIGEST_PAGER_CHANNEL: 'Pager channel for the digest.' },
  digestChannel: 'DIGEST_PAGER_CHANNEL',
  read(vars) {
    const key = vars.secret('PAGER_KEY');
    if (key && !key.startsWith('pk-')) vars.problem('PAGER_KEY must start with pk-.');
    return key ? { key } : undefined;
  },
  needsRoutes: 'PAGER_KEY',
};

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env, '/tmp', [pager]);
  } catch (err) {
    return (err as ConfigError).problems;
  }
  return [];
};

describe('a platform module', () => {
  it('is on with its own settings when its variable is set, and off otherwise', () => {
    expect(loadConfig({ PAGER_KEY: 'pk-123456', HEALTH_PORT: '0' }, '/tmp', [pager]).platforms).toEqual({ pager: { key: 'pk-123456' } });
    expect(loadConfig({}, '/tmp', [pager]).platforms).toEqual({});
  });

  it('checks its variables with everything else, naming them, masking its secrets', () => {
    expect(problems({ PAGER_KEY: 'nope-secret', LOG_LEVEL: 'loud', HEALTH_PORT: '1' })).toEqual(['PAGER_KEY must start with pk-.', 'LOG_LEVEL must be one of: debug, info, warn, error.']);
    expect(problems({ PAGER_KEY: 'pk-1' })).toEqual(['PAGER_KEY is set but no HTTP server runs: set HEALTH_PORT.']);
    expect(loadConfig({ PAGER_KEY: 'pk-123456', HEALTH_PORT: '0' }, '/tmp', [pager]).secrets).toEqual(['pk-123456']);
  });

  it('gives the digest its channel and its variable for hints', () => {
    const { digest } = loadConfig({ DIGEST_PAGER_CHANNEL: 'ops' }, '/tmp', [pager]);
    expect(digestChannels(digest)).toEqual([{ platform: 'pager', channel: 'ops', variable: 'DIGEST_PAGER_CHANNEL' }]);
    expect(channelHint(loadConfig({}, '/tmp', [pager]).digest)).toBe('set DIGEST_PAGER_CHANNEL');
  });
});

describe('the registry', () => {
  it('documents every variable of every platform, once', () => {
    for (const p of PLATFORMS) for (const [name, what] of Object.entries(p.variables)) expect(VARIABLES[name]).toBe(what);
    const declared = PLATFORMS.flatMap((p) => Object.keys(p.variables));
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('has one digest-channel variable per platform that posts digests, each among its variables', () => {
    for (const p of PLATFORMS.filter((p) => p.digestChannel)) expect(Object.keys(p.variables)).toContain(p.digestChannel);
    expect(channelHint(loadConfig({}, '/tmp', PLATFORMS).digest)).toBe('set DIGEST_SLACK_CHANNEL and/or DIGEST_DISCORD_CHANNEL');
  });
});
