// Honcho-format JWTs (docs/api.md#s4-2, docs/honcho-differences.md#credentials): HS256 over the server secret, claims `t, exp, ad, w, p, s`.
// jose checks the signature and pins the algorithm (so `none`, RS256 and friends are refused); the claims are read
// here rather than by jose's JWT validator because `exp` may be an ISO-8601 string, which Honcho's own key endpoint
// writes and jose would reject.
import { createHash } from 'node:crypto';
import { CompactSign, compactVerify } from 'jose';
import { parseDateTimeInput } from '@/contracts/common';
import { UnauthorizedError } from '../errors';
import { AUTH_ERRORS, type Credential } from './credential';

export type JwtClaims = {
  /** Creation time, informational. */
  t?: string;
  /** Expiry: epoch seconds (what Rapport writes) or an ISO-8601 string (what Honcho writes). */
  exp?: number | string;
  ad?: boolean;
  w?: string;
  p?: string;
  s?: string;
};

const ALGORITHM = 'HS256';
const encoder = new TextEncoder();

function keyOf(secret: string): Uint8Array {
  return encoder.encode(secret);
}

/** Signs arbitrary claims (tests use this to forge odd ones); `POST /v3/keys` passes well-formed JwtClaims. */
export async function signJwt(claims: JwtClaims | Record<string, unknown>, secret: string): Promise<string> {
  return new CompactSign(encoder.encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .sign(keyOf(secret));
}

/** A JWT is recognised by its shape: three dot-separated segments (docs/honcho-differences.md#credentials). */
export function looksLikeJwt(token: string): boolean {
  return token.split('.').length === 3;
}

/**
 * Rate-limit and audit identity of a JWT: a hash, never the token itself. Base64url is malleable — the last character
 * of a segment carries unused bits, so several spellings of the signature decode to the same bytes and all verify —
 * so the signature is hashed as its decoded bytes: every spelling of one token shares one budget. (The header and
 * payload segments are signed as written, so another spelling of those fails verification.)
 */
export function jwtSubject(token: string): string {
  const segments = token.split('.');
  const canonical = segments.length === 3 ? `${segments[0]}.${segments[1]}.${Buffer.from(segments[2]!, 'base64url').toString('hex')}` : token;
  return `jwt:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
}

/** Verifies signature and claims and returns the credential they grant; every failure is a 401 with the text given in docs/api.md#s4. */
export async function verifyJwt(token: string, secret: string, now: Date = new Date()): Promise<Credential> {
  let payload: unknown;
  try {
    const verified = await compactVerify(token, keyOf(secret), { algorithms: [ALGORITHM] });
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(verified.payload));
  } catch {
    throw new UnauthorizedError(AUTH_ERRORS.invalidJwt);
  }
  return { ...credentialFromClaims(payload, now), subject: jwtSubject(token) };
}

/** docs/api.md#s4-2 on verified claims: types, expiry, the workspace requirement, then classification (narrowest claim wins). */
export function credentialFromClaims(payload: unknown, now: Date = new Date()): Credential {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new UnauthorizedError(AUTH_ERRORS.invalidJwt);
  const claims = payload as Record<string, unknown>;
  const w = stringClaim(claims.w);
  const p = stringClaim(claims.p);
  const s = stringClaim(claims.s);
  const ad = claims.ad ?? false;
  if (typeof ad !== 'boolean') throw new UnauthorizedError(AUTH_ERRORS.invalidJwt);
  const expiresAt = expiryOf(claims.exp);
  if (expiresAt !== undefined && expiresAt <= now.getTime()) throw new UnauthorizedError(AUTH_ERRORS.jwtExpired);
  if ((p || s) && !w) throw new UnauthorizedError(AUTH_ERRORS.scopeMissingWorkspace);
  if (ad) return { kind: 'admin', authDisabled: false };
  if (w && s) return { kind: 'session', workspace: w, session: s };
  if (w && p) return { kind: 'peer', workspace: w, peer: p };
  if (w) return { kind: 'workspace', workspace: w };
  // A validly signed token that names nothing grants nothing; Honcho refuses it the same way.
  throw new UnauthorizedError(AUTH_ERRORS.invalidJwt);
}

/** String claims: empty (or null) counts as absent; any other non-string is a malformed token. */
function stringClaim(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new UnauthorizedError(AUTH_ERRORS.invalidJwt);
  return value;
}

/**
 * Numeric `exp` beyond this (10^11 s, the year 5138) is not epoch seconds: it is almost surely epoch milliseconds
 * (today's are ~1.8 × 10^12), which read as seconds would never expire. Such a token is refused rather than trusted
 * for millennia.
 */
export const MAX_PLAUSIBLE_EXP_SECONDS = 1e11;

/** `exp` as epoch milliseconds: numeric epoch seconds or an ISO-8601 string (naive means UTC, as in docs/api.md#s1-4). */
function expiryOf(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (value > MAX_PLAUSIBLE_EXP_SECONDS) throw new UnauthorizedError(AUTH_ERRORS.invalidJwt);
    return value * 1000;
  }
  if (typeof value === 'string') {
    const date = parseDateTimeInput(value);
    if (date) return date.getTime();
  }
  throw new UnauthorizedError(AUTH_ERRORS.invalidJwt);
}
