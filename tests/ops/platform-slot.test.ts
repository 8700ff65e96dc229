import { describe, expect, it, vi } from 'vitest';
import { startPlatform } from '../../adapters/platform-slot.js';
import { createLogger } from '../../src/log.js';
import type { RunningPlatform } from '../../src/types.js';

const running = (): RunningPlatform => ({ platform: 'slack', post: async () => {}, status: () => ({ connected: true }), stop: vi.fn(async () => {}) });
const outage = () => Object.assign(new Error('Could not reach Slack (ECONNREFUSED)'), { retryable: true });

describe('starting a platform', () => {
  it('retries while the platform is unreachable, logging each wait, then connects', async () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l) });
    let attempts = 0;
    const fatal = vi.fn();
    const slot = startPlatform('slack', async () => {
      if (++attempts < 3) throw outage();
      return running();
    }, log, fatal, [10, 20]);
    expect(slot.status).toBeUndefined();
    await vi.waitFor(() => expect(slot.status?.connected).toBe(true));
    expect(attempts).toBe(3);
    expect(lines.filter((l) => l.includes('slack unreachable; retrying'))).toHaveLength(2);
    expect(slot.startingSince).toBeUndefined();
    expect(fatal).not.toHaveBeenCalled();
    await slot.stop();
    expect(slot.running!.stop).toHaveBeenCalled();
  });

  it('does not retry a permanent problem such as a rejected token', async () => {
    const fatal = vi.fn();
    startPlatform('discord', async () => { throw new Error('Discord rejected DISCORD_TOKEN.'); }, createLogger({ write: () => {} }), fatal, [10]);
    await vi.waitFor(() => expect(fatal).toHaveBeenCalledOnce());
    expect(fatal.mock.calls[0]![0].message).toMatch(/DISCORD_TOKEN/);
  });

  it('stops retrying once stopped', async () => {
    let attempts = 0;
    const slot = startPlatform('slack', async () => { attempts++; throw outage(); }, createLogger({ write: () => {} }), vi.fn(), [30]);
    await vi.waitFor(() => expect(attempts).toBe(1));
    await slot.stop();
    await new Promise((r) => setTimeout(r, 80));
    expect(attempts).toBe(1);
  });
});
