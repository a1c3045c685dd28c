// POST /v3/keys (docs/api.md#s3-1): admin-only JWT minting, the query rules (422), epoch `exp` (docs/honcho-differences.md#credentials), tokens that work
// exactly for their scope, and 405 while API auth is disabled.
import { decodeJwt } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { POST as createKey } from '@/app/v3/keys/route';
import { call } from '../support/app-fetch';
import { bearer, enableApiAuth, insertApiKey, jwt, seedTenant } from '../support/auth-fixtures';
import { provideTestDatabase } from '../support/test-database';

enableApiAuth();
provideTestDatabase();

let admin: Record<string, string>;
beforeAll(async () => {
  admin = bearer(await jwt({ ad: true }));
  await seedTenant({ workspace: 'keys-w', peers: ['alice'], sessions: { s1: { active: ['alice'] } } });
});
afterEach(() => {
  process.env.AUTH_DISABLED = 'false';
});

const mint = (query: string, headers: Record<string, string> = admin) => call('POST', `/v3/keys${query}`, undefined, headers);

describe('POST /v3/keys', () => {
  it('mints a workspace token with t and no exp', async () => {
    const before = Date.now();
    const response = await mint('?workspace_id=keys-w');
    expect(response.status).toBe(200);
    const { key } = await response.json();
    const claims = decodeJwt(key);
    expect(claims).toEqual({ t: expect.any(String), w: 'keys-w' });
    expect(new Date(claims.t as string).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((await call('POST', '/v3/workspaces/keys-w/peers/list', {}, bearer(key))).status).toBe(200);
    expect((await call('POST', '/v3/workspaces/list', {}, bearer(key))).status).toBe(401);
  });

  it('writes exp as epoch seconds and honours it', async () => {
    const expires = new Date(Date.now() + 3_600_000);
    const { key } = await (await mint(`?workspace_id=keys-w&expires_at=${encodeURIComponent(expires.toISOString())}`)).json();
    expect(decodeJwt(key).exp).toBe(Math.floor(expires.getTime() / 1000));
    expect((await call('POST', '/v3/workspaces/keys-w/peers/list', {}, bearer(key))).status).toBe(200);

    const { key: expired } = await (await mint('?workspace_id=keys-w&expires_at=2001-01-01T00:00:00')).json();
    expect(decodeJwt(expired).exp).toBe(Date.UTC(2001, 0, 1) / 1000);
    const refused = await call('POST', '/v3/workspaces/keys-w/peers/list', {}, bearer(expired));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ detail: 'JWT expired' });
  });

  it('mints peer and session tokens that reach exactly their scope', async () => {
    const peer = (await (await mint('?workspace_id=keys-w&peer_id=alice')).json()).key;
    expect(decodeJwt(peer)).toMatchObject({ w: 'keys-w', p: 'alice' });
    expect((await call('POST', '/v3/workspaces/keys-w/peers/alice/sessions', {}, bearer(peer))).status).toBe(200);
    expect((await call('GET', '/v3/workspaces/keys-w/sessions/s1/peers', undefined, bearer(peer))).status).toBe(200);
    expect((await call('POST', '/v3/workspaces/keys-w/peers/list', {}, bearer(peer))).status).toBe(401);

    const session = (await (await mint('?workspace_id=keys-w&session_id=s1')).json()).key;
    expect(decodeJwt(session)).toMatchObject({ w: 'keys-w', s: 's1' });
    expect((await call('GET', '/v3/workspaces/keys-w/sessions/s1/peers', undefined, bearer(session))).status).toBe(200);
    expect((await call('POST', '/v3/workspaces/keys-w/peers/alice/sessions', {}, bearer(session))).status).toBe(401);
  });

  it('answers 422 for a missing id, a peer or session without workspace, and bad values', async () => {
    for (const query of ['', '?peer_id=alice', '?session_id=s1', '?workspace_id=keys-w&expires_at=someday', '?workspace_id=bad%20id', '?workspace_id=']) {
      const response = await mint(query);
      expect(response.status, query).toBe(422);
      const body = await response.json();
      expect(typeof body.detail, query).toBe('string');
      expect(body.errors.length, query).toBeGreaterThan(0);
    }
    const body = await (await mint('?peer_id=alice')).json();
    expect(body.errors).toEqual([{ path: 'query.peer_id', message: 'peer_id requires workspace_id' }]);
  });

  it('is admin-only: every other credential gets 401', async () => {
    const stored = await insertApiKey({ workspace: 'keys-w' });
    for (const headers of [{}, bearer(await jwt({ w: 'keys-w' })), bearer(await jwt({ w: 'keys-w', p: 'alice' })), bearer(stored.key)]) {
      const response = await mint('?workspace_id=keys-w', headers);
      expect(response.status).toBe(401);
    }
    expect(await (await mint('?workspace_id=keys-w', bearer(stored.key))).json()).toEqual({ detail: 'Resource requires admin privileges' });
  });

  it('works the way Next calls a route without dynamic segments (params resolve to undefined)', async () => {
    const request = new Request('http://localhost:8000/v3/keys?workspace_id=keys-w', { method: 'POST', headers: admin });
    const response = await createKey(request, { params: Promise.resolve(undefined as unknown as Record<string, string>) });
    expect(response.status).toBe(200);
  });

  it('answers 405 while auth is disabled, whatever the credential', async () => {
    process.env.AUTH_DISABLED = 'true';
    for (const headers of [{}, admin]) {
      for (const query of ['?workspace_id=keys-w', '']) {
        const response = await mint(query, headers);
        expect(response.status).toBe(405);
        expect(await response.json()).toEqual({ detail: 'Method Not Allowed' });
      }
    }
  });
});
