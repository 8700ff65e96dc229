// What went wrong talking to Slack, in words a person can act on.
// Messages name variables, never their values.

import type { SlackConfig } from './config.js';
import { StartupError } from '../../src/errors.js';

/** retryable: Slack could not be reached (network, 5xx), unlike a rejected token. */
export class SlackStartError extends StartupError {
  override name = 'SlackStartError';
}

/** Slack was unreachable or failing, as opposed to answering "no". */
export function isOutage(err: unknown): boolean {
  if (platformErrorCode(err)) return false;
  if (isWebApiError(err, 'slack_webapi_http_error')) return ((err as { statusCode?: number }).statusCode ?? 500) >= 500;
  return true;
}

export const REJECTED_TOKEN = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

/** A sentence about why a call to Slack failed at start-up, naming the variable to check. */
export function describeFailure(err: unknown, variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN', config: SlackConfig): string {
  const where = config.apiUrl ? `Slack at SLACK_API_URL` : 'Slack';
  const code = platformErrorCode(err);
  if (code && REJECTED_TOKEN.has(code)) {
    const hint =
      variable === 'SLACK_BOT_TOKEN'
        ? 'copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions again, and reinstall the app if it was removed'
        : 'create an app-level token (xapp-…) with the connections:write scope under Basic Information, and check Socket Mode is on';
    return `Slack rejected ${variable} (${code}): ${hint}.`;
  }
  if (code) return `Slack answered "${code}" when checking ${variable}.`;
  if (isWebApiError(err, 'slack_webapi_http_error')) {
    const status = (err as { statusCode?: number }).statusCode;
    return `${where} answered HTTP ${status ?? 'error'} when checking ${variable}: is SLACK_API_URL right?`;
  }
  const cause = (err as { original?: { code?: string; message?: string } }).original;
  const reason = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  return `Could not reach ${where} to check ${variable} (${reason}). Check the network${config.apiUrl ? ' and SLACK_API_URL' : ''}.`;
}

/** The `error` field of a Slack "ok: false" answer (not_in_channel, invalid_auth, …), if that is what err is. */
export function platformErrorCode(err: unknown): string | undefined {
  if (!isWebApiError(err, 'slack_webapi_platform_error')) return undefined;
  const code = (err as { data?: { error?: unknown } }).data?.error;
  return typeof code === 'string' ? code : undefined;
}

function isWebApiError(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}
