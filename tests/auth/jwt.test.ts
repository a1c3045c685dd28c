// Honcho-format JWTs (docs/api.md#s4-2, docs/honcho-differences.md#credentials): signing and verification, both `exp` forms, forged algorithms, claim
// rules and classification. Pure: no database.
import { CompactSign, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { AUTH_ERRORS } from '@/server/services/auth/credential';
import { credentialFromClaims, jwtSubject, looksLikeJwt, signJwt, verifyJwt } from '@/server/services/auth/jwt';
import { UnauthorizedError } from '@/server/services/errors';

const SECRET = 'jwt-test-secret';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const epoch = (ms: number) => Math.floor(ms / 1000);

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UnauthorizedError);
  return (error as Error).message;
}

describe('JWT verification', () => {
  it('round-trips each credential kind, with the subject a hash of the token', async () => {
    const cases = [
      [{ ad: true }, { kind: 'admin', authDisabled: false }],
      [{ w: 'w1' }, { kind: 'workspace', workspace: 'w1' }],
      [{ w: 'w1', p: 'alice' }, { kind: 'peer', workspace: 'w1', peer: 'alice' }],
      [{ w: 'w1', s: 's1' }, { kind: 'session', workspace: 'w1', session: 's1' }],
      // Narrowest claim wins: session over peer; admin over everything.
      [{ w: 'w1', p: 'alice', s: 's1' }, { kind: 'session', workspace: 'w1', session: 's1' }],
      [{ ad: true, w: 'w1', p: 'alice' }, { kind: 'admin', authDisabled: false }],
    ] as const;
    for (const [claims, expected] of cases) {
      const token = await signJwt({ t: new Date().toISOString(), ...claims }, SECRET);
      expect(looksLikeJwt(token)).toBe(true);
      expect(await verifyJwt(token, SECRET)).toEqual({ ...expected, subject: jwtSubject(token) });
      expect(jwtSubject(token)).toMatch(/^jwt:[0-9a-f]{64}$/);
      expect(jwtSubject(token)).not.toContain(token);
    }
  });

  it('accepts exp as epoch seconds and as ISO-8601 (Z, offset, naive = UTC, microseconds)', async () => {
    const future = Date.now() + 3_600_000;
    const iso = new Date(future).toISOString();
    for (const exp of [epoch(future), iso, iso.replace('Z', '+00:00'), iso.replace('Z', ''), iso.replace(/\.\d+Z$/, '.123456'), future / 1000 + 0.5]) {
      expect((await verifyJwt(await signJwt({ w: 'w1', exp }, SECRET), SECRET)).kind, String(exp)).toBe('workspace');
    }
  });

  it('rejects expired tokens in both forms with "JWT expired"', async () => {
    const past = Date.now() - 60_000;
    for (const exp of [epoch(past), new Date(past).toISOString(), '2001-01-01T00:00:00', '2001-01-01']) {
      expect(await rejection(verifyJwt(await signJwt({ w: 'w1', exp }, SECRET), SECRET)), String(exp)).toBe(AUTH_ERRORS.jwtExpired);
    }
    // Expiry is exact to the second: a token is dead from its exp on.
    const now = new Date('2030-01-01T00:00:00Z');
    expect(() => credentialFromClaims({ w: 'w1', exp: epoch(now.getTime()) }, now)).toThrow(AUTH_ERRORS.jwtExpired);
    expect(credentialFromClaims({ w: 'w1', exp: epoch(now.getTime()) + 1 }, now).kind).toBe('workspace');
  });

  it('rejects an exp written in milliseconds (it would read as seconds and never expire) as Invalid JWT', async () => {
    const inAnHour = Date.now() + 3_600_000;
    for (const exp of [inAnHour, Date.now() - 3_600_000, 1e11 + 1, Number.MAX_SAFE_INTEGER]) {
      expect(await rejection(verifyJwt(await signJwt({ w: 'w1', exp }, SECRET), SECRET)), String(exp)).toBe(AUTH_ERRORS.invalidJwt);
    }
    // Seconds up to the year 5138 are still seconds.
    expect((await verifyJwt(await signJwt({ w: 'w1', exp: 1e11 }, SECRET), SECRET)).kind).toBe('workspace');
  });

  it('rejects an exp of any other type or an unparseable string as Invalid JWT', async () => {
    for (const exp of [true, 'tomorrow', '2030-13-45T00:00:00Z', { at: 1 }, [1]]) {
      expect(await rejection(verifyJwt(await signJwt({ w: 'w1', exp }, SECRET), SECRET)), JSON.stringify(exp)).toBe(AUTH_ERRORS.invalidJwt);
    }
  });

  it('rejects alg none, RS256 and a bad signature as Invalid JWT', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ad: true })}.`;
    expect(await rejection(verifyJwt(unsigned, SECRET))).toBe(AUTH_ERRORS.invalidJwt);

    const { privateKey } = await generateKeyPair('RS256');
    const rs256 = await new CompactSign(new TextEncoder().encode(JSON.stringify({ ad: true })))
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .sign(privateKey);
    expect(await rejection(verifyJwt(rs256, SECRET))).toBe(AUTH_ERRORS.invalidJwt);

    const otherSecret = await signJwt({ ad: true }, 'another-secret');
    expect(await rejection(verifyJwt(otherSecret, SECRET))).toBe(AUTH_ERRORS.invalidJwt);

    // Same signature, different payload: the classic "change ad to true" forgery.
    const genuine = await signJwt({ w: 'w1' }, SECRET);
    const [header, , signature] = genuine.split('.');
    expect(await rejection(verifyJwt(`${header}.${b64({ ad: true })}.${signature}`, SECRET))).toBe(AUTH_ERRORS.invalidJwt);

    for (const garbage of ['a.b.c', '..', 'eyJ.eyJ.sig']) {
      expect(await rejection(verifyJwt(garbage, SECRET)), garbage).toBe(AUTH_ERRORS.invalidJwt);
    }
  });

  it('rejects signed payloads that are not claim objects', async () => {
    for (const payload of ['"w1"', '[1,2]', 'null', '42']) {
      const token = await new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
      expect(await rejection(verifyJwt(token, SECRET)), payload).toBe(AUTH_ERRORS.invalidJwt);
    }
  });

  it('p or s without w is an invalid scope', async () => {
    for (const claims of [{ p: 'alice' }, { s: 's1' }, { w: '', p: 'alice' }, { w: null, s: 's1' }]) {
      expect(await rejection(verifyJwt(await signJwt(claims, SECRET), SECRET)), JSON.stringify(claims)).toBe(AUTH_ERRORS.scopeMissingWorkspace);
    }
  });

  it('treats empty-string claims as absent and ignores unknown claims', async () => {
    expect(await verifyJwt(await signJwt({ t: '', w: 'w1', p: '', s: '', exp: '', extra: { x: 1 } }, SECRET), SECRET)).toMatchObject({
      kind: 'workspace',
      workspace: 'w1',
    });
    expect(await verifyJwt(await signJwt({ t: '', ad: true, w: '' }, SECRET), SECRET)).toMatchObject({ kind: 'admin' });
    // ad: false is no privilege; a token naming nothing grants nothing.
    expect(await rejection(verifyJwt(await signJwt({ ad: false, w: '' }, SECRET), SECRET))).toBe(AUTH_ERRORS.invalidJwt);
  });

  it('rejects known claims of the wrong type', async () => {
    for (const claims of [{ w: 42 }, { w: 'w1', p: ['alice'] }, { w: 'w1', s: {} }, { ad: 'true' }, { w: 'w1', ad: 1 }]) {
      expect(await rejection(verifyJwt(await signJwt(claims, SECRET), SECRET)), JSON.stringify(claims)).toBe(AUTH_ERRORS.invalidJwt);
    }
  });

  it('signs HS256 with a JWT header', async () => {
    const token = await signJwt({ w: 'w1' }, SECRET);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
  });
});
