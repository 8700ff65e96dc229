// The API's one variable: read and checked here, composed into the one reader in src/config.ts.

import type { VariableReader } from '../../src/config.js';

export interface ApiConfig {
  /** The bearer token callers send; compared in constant time, never logged. */
  token: string;
}

export const API_VARIABLES = {
  API_TOKEN: 'Bearer token for the HTTP JSON API (POST /api/ask): turns it on, served where /healthz is. At least 16 characters.',
};

export function readApiConfig(vars: VariableReader): ApiConfig | undefined {
  const token = vars.secret('API_TOKEN');
  if (!token) return undefined;
  if (token.length < 16) vars.problem('API_TOKEN must be at least 16 characters (e.g. the output of: openssl rand -hex 32).');
  return { token };
}
