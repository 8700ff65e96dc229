// The kit every platform's handlers go through: each delivery answered once, and a failure
// logged once with an id and apologised for with that id.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../../src/desk.js';
import { createLogger } from '../../src/log.js';
import type { Reply } from '../../src/types.js';
import { firstDelivery, guarded } from '../../adapters/kit/handlers.js';
import { API_FIXTURES } from '../api/helpers.js';

let desk: Desk;
beforeAll(async () => {
  desk = await openDesk({ seedsDir: API_FIXTURES, dataDir: ':memory:' });
});
afterAll(() => desk?.close());

function capture() {
  const lines: any[] = [];
  return { lines, log: createLogger({ level: 'debug', format: 'json', write: (l) => lines.push(JSON.parse(l)) }) };
}

describe('firstDelivery', () => {
  it('is true once per platform and key, through the desk', async () => {
    const { log, lines } = capture();
    expect(await firstDelivery(desk, log, 'chat-a', 'evt-1')).toBe(true);
    expect(await firstDelivery(desk, log, 'chat-a', 'evt-1')).toBe(false);
    expect(await firstDelivery(desk, log, 'chat-b', 'evt-1')).toBe(true);
    expect(lines.filter((l) => l.msg === 'Skipped an event already answered')).toHaveLength(1);
  });

  it('answers anyway, with a warning, when the claim cannot be recorded', async () => {
    const { log, lines } = capture();
    const broken = { ...desk, claimDelivery: async () => Promise.reject(new Error('disk full')) };
    expect(await firstDelivery(broken, log, 'chat-a', 'evt-2')).toBe(true);
    expect(lines.map((l) => l.level)).toEqual(['warn']);
  });
});

describe('guarded', () => {
  it('logs a failure once with an id, and tells the person that id', async () => {
    const { log, lines } = capture();
    const told: Reply[] = [];
    let running = 0;
    const work = { run: async (task: () => Promise<void>) => (running++, task()) };
    await guarded({ log, label: 'Chat', work }, 'Chat message failed', { user: 'u1' }, async () => Promise.reject(new Error('boom')), async (r) => void told.push(r));
    expect(running).toBe(1);
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'Chat message failed', user: 'u1' });
    expect(told).toHaveLength(1);
    expect(told[0]!.errorId).toBe(errors[0].errorId);
    expect(told[0]!.text).toContain(errors[0].errorId);
  });

  it('never throws, even when the apology cannot be delivered: a warning with the same id', async () => {
    const { log, lines } = capture();
    await expect(
      guarded({ log, label: 'Chat', explain: () => ({ remedy: 'check permissions' }) }, 'Chat message failed', {}, async () => Promise.reject(new Error('boom')), async () => Promise.reject(new Error('gone'))),
    ).resolves.toBeUndefined();
    const [error, warning] = lines;
    expect(error).toMatchObject({ level: 'error', remedy: 'check permissions' });
    expect(warning).toMatchObject({ level: 'warn', errorId: error.errorId });
  });

  it('does nothing more when the work succeeds', async () => {
    const { log, lines } = capture();
    let told = false;
    await guarded({ log, label: 'Chat' }, 'Chat message failed', {}, async () => {}, async () => void (told = true));
    expect(told).toBe(false);
    expect(lines).toEqual([]);
  });
});
