import 'server-only';
// Authorization header → credential (docs/api.md#s4-1 to #s4-2, docs/honcho-differences.md#credentials). `Bearer <value>`: three dot-separated segments make
// a JWT; anything else is looked up as a stored key. No header, another scheme or an empty value → No access token.
import type { DbClient } from '@/server/db/client';
import { UnauthorizedError } from '../errors';
import { AUTH_ERRORS, type Credential } from './credential';
import { looksLikeJwt, verifyJwt } from './jwt';
import { jwtSecret } from './jwt-secret';
import { authenticateStoredKey } from './stored-key';

/** The bearer value of an Authorization header, or null when there is none (the scheme is case-insensitive). */
export function bearerToken(header: string | null | undefined): string | null {
  const trimmed = header?.trim() ?? '';
  const space = trimmed.search(/\s/);
  if (space < 0) return null;
  if (trimmed.slice(0, space).toLowerCase() !== 'bearer') return null;
  const value = trimmed.slice(space).trim();
  return value === '' ? null : value;
}

export async function authenticate(authorization: string | null | undefined, db?: DbClient): Promise<Credential> {
  const token = bearerToken(authorization);
  if (token === null) throw new UnauthorizedError(AUTH_ERRORS.noToken);
  if (looksLikeJwt(token)) return verifyJwt(token, await jwtSecret(db));
  // A dotted value that is not three segments was meant as a JWT; say so rather than "Invalid API key".
  if (token.includes('.')) throw new UnauthorizedError(AUTH_ERRORS.invalidJwt);
  return authenticateStoredKey(token, db);
}
