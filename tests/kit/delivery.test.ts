// How an adapter judges a failed post for the core: "may have arrived" (never retried that day)
// or "refused" (retried). The shapes here are the ones Slack's web client, discord.js and
// Node's fetch (undici) really throw.

import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/errors.js';
import { outcomeUnknown } from '../../src/digest/post.js';
import { deliveryError, mayHaveArrived } from '../../adapters/kit/delivery.js';

const slackTimeout = Object.assign(new Error('A request error occurred: timeout of 15000ms exceeded'), { code: 'slack_webapi_request_error', original: { code: 'ECONNABORTED' } });
const undiciReset = new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
const aborted = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
const slackRefusal = Object.assign(new Error('An API error occurred: channel_not_found'), { code: 'slack_webapi_platform_error', data: { ok: false, error: 'channel_not_found' } });
const discordRefusal = Object.assign(new Error('Missing Access'), { code: 50001, status: 403 });

describe('a failed post, judged by the adapter', () => {
  it.each([
    ['Slack timeout', slackTimeout],
    ['connection reset under fetch', undiciReset],
    ['abort', aborted],
  ])('%s may have arrived', (_what, err) => {
    expect(mayHaveArrived(err)).toBe(true);
    const judged = deliveryError(err, 'Slack would not post');
    expect(judged).toBeInstanceOf(DeliveryError);
    expect(judged.outcome).toBe('may-have-arrived');
    expect(outcomeUnknown(judged)).toBe(true);
  });

  it.each([
    ['Slack refusal', slackRefusal],
    ['Discord refusal', discordRefusal],
  ])('%s did not arrive', (_what, err) => {
    expect(mayHaveArrived(err)).toBe(false);
    expect(deliveryError(err, 'no').outcome).toBe('refused');
    expect(outcomeUnknown(deliveryError(err, 'no'))).toBe(false);
  });

  it('the core reads only the adapter’s verdict, never the error’s shape', () => {
    expect(outcomeUnknown(slackTimeout)).toBe(false);
    expect(outcomeUnknown(new DeliveryError('lost', 'may-have-arrived'))).toBe(true);
  });

  it('survives a cause that points back at itself', () => {
    const loop: any = new Error('loop');
    loop.cause = loop;
    expect(mayHaveArrived(loop)).toBe(false);
  });
});
