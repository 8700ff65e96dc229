// A digest schedule that cannot run stops the bot at start-up, with a message naming the variable.

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startDigestScheduler } from '../../src/digest/scheduler.js';
import { silentLogger } from '../../src/log.js';
import { clock, deskAt, digestConfig, stubPlatform } from './helpers.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/tmp');
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
}

describe('DIGEST_CRON and DIGEST_TIMEZONE', () => {
  it('defaults to weekdays at 09:00 UTC', () => {
    expect(loadConfig({}, '/tmp').digest).toEqual({ cron: '0 9 * * 1-5', timezone: 'UTC', slackChannel: undefined, discordChannel: undefined });
  });

  it('accepts a valid schedule and zone', () => {
    expect(problems({ DIGEST_CRON: '30 8 * * MON-FRI', DIGEST_TIMEZONE: 'America/New_York' })).toEqual([]);
  });

  it('an invalid cron expression is a start-up error naming DIGEST_CRON', () => {
    expect(problems({ DIGEST_CRON: 'every morning' })).toEqual([expect.stringMatching(/^DIGEST_CRON is not a valid cron expression \(wrong number of fields\); .*"0 9 \* \* 1-5"/)]);
    expect(problems({ DIGEST_CRON: '0 25 * * *' })).toEqual([expect.stringMatching(/^DIGEST_CRON is not a valid cron expression .*hour/)]);
  });

  it('a cron expression that never fires is an error too', () => {
    expect(problems({ DIGEST_CRON: '0 9 30 2 *' })).toEqual([expect.stringMatching(/^DIGEST_CRON never runs/)]);
  });

  it('an unknown time zone is a start-up error naming DIGEST_TIMEZONE, alongside other problems', () => {
    const found = problems({ DIGEST_TIMEZONE: 'Europe/Atlantis', LOG_LEVEL: 'loud' });
    expect(found).toHaveLength(2);
    expect(found).toContain('LOG_LEVEL must be one of: debug, info, warn, error.');
    expect(found).toContainEqual(expect.stringMatching(/^DIGEST_TIMEZONE is not a valid IANA time zone; use a name such as/));
  });

  it('the scheduler refuses them too when started without loadConfig', async () => {
    const desk = await deskAt(':memory:', clock('2026-04-06T07:00:00Z'));
    try {
      const start = (digest: Parameters<typeof digestConfig>[0]) => () => startDigestScheduler({ desk, digest: digestConfig(digest), platforms: [stubPlatform()], log: silentLogger });
      expect(start({ timezone: 'Mars/Olympus' })).toThrow(/DIGEST_TIMEZONE/);
      expect(start({ cron: '61 * * * *' })).toThrow(/DIGEST_CRON/);
    } finally {
      desk.close();
    }
  });
});
