// Slack → app over HTTP: requests signed the way Slack signs them (v0 HMAC-SHA256 of
// "v0:timestamp:body" with the signing secret), or deliberately not.

import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'fake-signing-secret-abcdef';

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface DeliveryOptions {
  secret?: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Override the computed signature (e.g. to forge one). */
  signature?: string;
  /** Leave out the signature headers altogether. */
  unsigned?: boolean;
  headers?: Record<string, string>;
}

export interface Delivered {
  status: number;
  body: string;
}

export async function deliver(url: string, body: string, contentType: string, o: DeliveryOptions = {}): Promise<Delivered> {
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': contentType, ...o.headers };
  if (!o.unsigned) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = o.signature ?? signature(o.secret ?? SIGNING_SECRET, timestamp, body);
  }
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, body: await res.text() };
}

/** A slash command: form fields. */
export const commandBody = (payload: Record<string, string>) => new URLSearchParams(payload).toString();
/** A button click: one form field, "payload", holding JSON. */
export const interactionBody = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';
