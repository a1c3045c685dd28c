// Tenant isolation over every /v3 route, generated from the route registry so a new route cannot skip it
// (docs/api.md#s4). Each route gets its own freshly seeded tenant — workspace w1 with peers alice (active member of
// s1), bob (member of s2 only) and carol (left s1), plus an unrelated workspace w2 — and is called with every kind of
// credential. Denials must be 401; allowed credentials may get anything but 401 (404/422 for the fake ids are fine),
// and never a 500. The expectations below restate the auth codes of docs/api.md#s3 independently of decide-access.
import { describe, expect, it, beforeAll } from 'vitest';
import { routes, type RouteContract } from '@/contracts/routes';
import { route as adapter } from '@/server/http/route';
import { call, match } from '../support/app-fetch';
import { bearer, enableApiAuth, insertApiKey, jwt, seedTenant } from '../support/auth-fixtures';
import { provideTestDatabase } from '../support/test-database';

enableApiAuth();
provideTestDatabase();

const CREDENTIALS = [
  'no header', 'Basic scheme', 'Bearer without value', 'admin JWT', 'workspace JWT', 'other workspace JWT',
  'own peer JWT', 'other peer JWT', 'left peer JWT', 'own session JWT', 'other session JWT',
  'expired JWT (ISO exp)', 'expired JWT (epoch exp)', 'stored workspace key', 'stored peer key', 'revoked stored key',
] as const;
type CredentialName = (typeof CREDENTIALS)[number];

/** Body sent to the `self` routes: the ids their handlers check against the credential (docs/api.md#s4-4). */
const SELF_BODIES: Record<string, (t: Tenant) => unknown> = {
  getOrCreateWorkspace: (t) => ({ id: t.w1 }),
  getOrCreatePeer: () => ({ id: 'alice' }),
  getOrCreateSession: () => ({ id: 's1' }),
};

/** Whether docs/api.md#s3 and #s4 let this credential through on this route (path ids: w1, alice, s1). */
function allowed(route: RouteContract, credential: CredentialName): boolean {
  const auth = route.auth;
  switch (credential) {
    case 'admin JWT':
      return true;
    case 'workspace JWT':
    case 'stored workspace key':
      return auth !== 'A';
    case 'own peer JWT':
    case 'stored peer key':
      // alice: her own peer routes, reads of s1 (she is an active member), and every self route (body names alice).
      return auth === 'W/P' || auth === 'W/S+m' || auth === 'self';
    case 'other peer JWT':
    case 'left peer JWT':
      // bob / carol: not alice, not active in s1; may bootstrap the workspace and get-or-create sessions, not alice.
      return auth === 'self' && route.id !== 'getOrCreatePeer';
    case 'own session JWT':
      return auth === 'W/S' || auth === 'W/S+m' || auth === 'self';
    case 'other session JWT':
      // s2: may bootstrap the workspace and get-or-create peers, but not get-or-create s1.
      return auth === 'self' && route.id !== 'getOrCreateSession';
    default:
      return false;
  }
}

type Tenant = { w1: string; w2: string; headers: Record<CredentialName, Record<string, string>> };

let tenantCounter = 0;
async function newTenant(): Promise<Tenant> {
  tenantCounter += 1;
  const w1 = `iso${tenantCounter}`;
  const w2 = `iso${tenantCounter}-other`;
  await seedTenant({ workspace: w1, peers: ['alice', 'bob', 'carol'], sessions: { s1: { active: ['alice'], left: ['carol'] }, s2: { active: ['bob'] } } });
  await seedTenant({ workspace: w2, peers: ['alice'], sessions: { s1: { active: ['alice'] } } });
  const past = Date.now() - 60_000;
  const headers: Record<CredentialName, Record<string, string>> = {
    'no header': {},
    'Basic scheme': { authorization: 'Basic x' },
    'Bearer without value': { authorization: 'Bearer' },
    'admin JWT': bearer(await jwt({ ad: true })),
    'workspace JWT': bearer(await jwt({ w: w1 })),
    'other workspace JWT': bearer(await jwt({ w: w2 })),
    'own peer JWT': bearer(await jwt({ w: w1, p: 'alice' })),
    'other peer JWT': bearer(await jwt({ w: w1, p: 'bob' })),
    'left peer JWT': bearer(await jwt({ w: w1, p: 'carol' })),
    'own session JWT': bearer(await jwt({ w: w1, s: 's1' })),
    'other session JWT': bearer(await jwt({ w: w1, s: 's2' })),
    // Even an admin token is dead once expired.
    'expired JWT (ISO exp)': bearer(await jwt({ ad: true, exp: new Date(past).toISOString() })),
    'expired JWT (epoch exp)': bearer(await jwt({ ad: true, exp: Math.floor(past / 1000) })),
    'stored workspace key': bearer((await insertApiKey({ workspace: w1 })).key),
    'stored peer key': bearer((await insertApiKey({ workspace: w1, scope: 'peer', peer: 'alice' })).key),
    'revoked stored key': bearer((await insertApiKey({ workspace: w1, revoked: true })).key),
  };
  return { w1, w2, headers };
}

function concretePath(route: RouteContract, tenant: Tenant): string {
  const ids: Record<string, string> = { workspace_id: tenant.w1, peer_id: 'alice', session_id: 's1', message_id: 'no-such-message' };
  return route.path.replace(/\{([^}]+)\}/g, (_, name: string) => ids[name] ?? 'x');
}

/**
 * Through the real route file when one serves the path, otherwise through the adapter with a stub handler, so a
 * route registered before its handler exists is still checked for isolation.
 */
async function send(route: RouteContract, tenant: Tenant, headers: Record<string, string>): Promise<Response> {
  const path = concretePath(route, tenant);
  const body = route.auth === 'self' ? SELF_BODIES[route.id]!(tenant) : route.body ? {} : undefined;
  const found = match(path);
  if (found && !found.entry.file.includes('[...')) return call(route.method, path, body, headers);
  const params = Object.fromEntries([...route.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => [name!, concretePath({ ...route, path: `{${name}}` }, tenant)]));
  const stub = adapter(route, async () => ({ status: 204 }));
  const init: RequestInit = { method: route.method, headers: { ...headers, 'content-type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return stub(new Request(`http://localhost:8000${path}`, init), { params: Promise.resolve(params) });
}

const v3 = routes.filter((r) => r.path.startsWith('/v3/'));

describe('isolation matrix', () => {
  it('covers every /v3 route, and every self route has a body that names its target', () => {
    expect(v3.length).toBeGreaterThan(0);
    for (const route of v3.filter((r) => r.auth === 'self')) expect(SELF_BODIES[route.id], route.id).toBeDefined();
  });

  for (const route of v3) {
    describe(`${route.method} ${route.path} [${route.auth}]`, () => {
      let tenant: Tenant;
      beforeAll(async () => {
        tenant = await newTenant();
      });

      for (const credential of CREDENTIALS) {
        const expectAllowed = allowed(route, credential);
        it(`${credential} → ${expectAllowed ? 'allowed' : '401'}`, async () => {
          const response = await send(route, tenant, tenant.headers[credential]);
          const text = await response.text();
          if (expectAllowed) {
            expect(response.status, text).not.toBe(401);
            expect(response.status, text).toBeLessThan(500);
          } else {
            expect(response.status, text).toBe(401);
            expect(typeof JSON.parse(text).detail).toBe('string');
          }
        });
      }
    });
  }
});

describe('isolation details', () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await newTenant();
  });

  it('answers the error texts of docs/api.md#s4', async () => {
    const detail = async (path: string, headers: Record<string, string>, body: unknown = {}) =>
      (await (await call('POST', path, body, headers)).json()).detail;
    const list = `/v3/workspaces/${tenant.w1}/peers/list`;
    expect(await detail(list, {})).toBe('No access token provided');
    expect(await detail(list, { authorization: 'Basic x' })).toBe('No access token provided');
    expect(await detail(list, { authorization: 'Bearer not.a.jwt' })).toBe('Invalid JWT');
    expect(await detail(list, tenant.headers['expired JWT (ISO exp)'])).toBe('JWT expired');
    expect(await detail(list, tenant.headers['expired JWT (epoch exp)'])).toBe('JWT expired');
    expect(await detail(list, bearer(await jwt({ p: 'alice' })))).toBe('Invalid JWT scope: peer/session token missing workspace');
    expect(await detail(list, tenant.headers['other workspace JWT'])).toBe('JWT not permissioned for this resource');
    expect(await detail(list, tenant.headers['own peer JWT'])).toBe('JWT not permissioned for this resource');
    expect(await detail('/v3/workspaces/list', tenant.headers['workspace JWT'])).toBe('Resource requires admin privileges');
    expect(await detail('/v3/workspaces', tenant.headers['other workspace JWT'], { id: tenant.w1 })).toBe('Unauthorized access to resource');
  });

  it('lets a peer read its session config only for itself, and only while it is a member', async () => {
    const config = (peer: string) => `/v3/workspaces/${tenant.w1}/sessions/s1/peers/${peer}/config`;
    expect((await call('GET', config('alice'), undefined, tenant.headers['own peer JWT'])).status).not.toBe(401);
    expect((await call('GET', config('carol'), undefined, tenant.headers['own peer JWT'])).status).toBe(401);
    expect((await call('GET', config('carol'), undefined, tenant.headers['left peer JWT'])).status).toBe(401);
    // A session credential for s1 reads any member's config.
    expect((await call('GET', config('carol'), undefined, tenant.headers['own session JWT'])).status).not.toBe(401);
  });

  it('refuses member-read once the peer leaves, and again allows it after it rejoins', async () => {
    const peers = `/v3/workspaces/${tenant.w1}/sessions/s2/peers`;
    const bob = tenant.headers['other peer JWT'];
    expect((await call('GET', peers, undefined, bob)).status).toBe(200);
    const { getDb } = await import('@/server/db/client');
    const db = getDb();
    const ws = await db.workspace.findUniqueOrThrow({ where: { name: tenant.w1 } });
    const s2 = await db.session.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId: ws.id, name: 's2' } } });
    await db.sessionPeer.updateMany({ where: { sessionId: s2.id }, data: { leftAt: new Date() } });
    expect((await call('GET', peers, undefined, bob)).status).toBe(401);
    await db.sessionPeer.updateMany({ where: { sessionId: s2.id }, data: { leftAt: null } });
    expect((await call('GET', peers, undefined, bob)).status).toBe(200);
    // A peer of the same name in another workspace is no member of this session.
    expect((await call('GET', `/v3/workspaces/${tenant.w2}/sessions/s1/peers`, undefined, bob)).status).toBe(401);
  });

  it('accepts the bearer scheme case-insensitively', async () => {
    const token = tenant.headers['workspace JWT'].authorization!.slice('Bearer '.length);
    for (const scheme of ['bearer', 'BEARER']) {
      expect((await call('POST', `/v3/workspaces/${tenant.w1}/peers/list`, {}, { authorization: `${scheme} ${token}` })).status).toBe(200);
    }
  });
});
