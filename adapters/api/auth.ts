// Who may call the API: whoever sends the configured token as a bearer token. Compared as
// SHA-256 digests with timingSafeEqual, so neither the token's length nor its first differing
// byte shows in the response time.

import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export interface TokenCheck {
  /** True when the Authorization header carries the token. */
  allows(authorization: string | undefined): boolean;
  /** A stable, non-secret name for the token's holder: the rate limit and the question log key on it. */
  readonly caller: string;
}

export function tokenCheck(token: string): TokenCheck {
  const expected = digest(token);
  return {
    allows(authorization) {
      const given = /^Bearer +(\S+) *$/i.exec(authorization ?? '')?.[1];
      // Always compare, even without a token, so a missing header costs the same as a wrong one.
      const same = timingSafeEqual(digest(given ?? ''), expected);
      return same && given !== undefined;
    },
    caller: 'api:' + createHash('sha256').update('policy-desk caller ' + token).digest('hex').slice(0, 12),
  };
}
