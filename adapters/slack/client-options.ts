// How Policy Desk talks to the Slack Web API.
// @slack/web-api retries failed calls for about 30 minutes by default, POSTs included, and Slack
// has no idempotency key: a post whose response was lost would be posted again and again, and a
// dead server would hold a reply (or a test) for half an hour. Retries here are few and bounded.

import type { Logger as BoltLogger, webApi } from '@slack/bolt';
import type { SlackConfig } from './config.js';

/** For every Web API call the bot makes: answers, shares, the digest, auth.test. */
export function webClientOptions(config: SlackConfig, logger: BoltLogger): webApi.WebClientOptions {
  return {
    slackApiUrl: config.apiUrl,
    logger,
    timeout: 15_000,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000, maxRetryTime: 10_000 },
  };
}

/**
 * For the daily digest: no retry at all. A post whose response was lost may well have arrived,
 * and the digest would rather be missed once than posted twice (the digest's own record decides).
 */
export function postOnceClientOptions(config: SlackConfig, logger: BoltLogger): webApi.WebClientOptions {
  return { ...webClientOptions(config, logger), retryConfig: { retries: 0 } };
}

/**
 * For asking whether a channel is public, on the way to an answer: one try, soon given up. A
 * lookup that fails makes the question private (adapters/slack/audience.ts), which is better
 * than the answer waiting, and a rate-limited call fails at once rather than waiting its turn.
 */
export function lookupClientOptions(config: SlackConfig, logger: BoltLogger, timeoutMs: number): webApi.WebClientOptions {
  return { ...webClientOptions(config, logger), timeout: timeoutMs, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true };
}

/**
 * For apps.connections.open only (Socket Mode). Opening a connection has no side effect worth
 * guarding, and when its retries run out during a reconnect the Socket Mode client gives up for
 * good, so it keeps trying for longer: about 50 minutes, at most 30 s apart.
 */
export function socketModeClientOptions(config: SlackConfig, logger: BoltLogger): webApi.WebClientOptions {
  return {
    slackApiUrl: config.apiUrl,
    logger,
    timeout: 15_000,
    retryConfig: { retries: 100, factor: 1.3, minTimeout: 1_000, maxTimeout: 30_000 },
  };
}
