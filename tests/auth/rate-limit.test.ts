// Rate limiting per credential (docs/honcho-differences.md#rate-limits): X-RateLimit-* headers on every answered request when enabled, 429 with
// Retry-After after the budget, recovery after the window, separate budgets per credential, and one budget shared by
// several instances because the counters live in Postgres.
import { PrismaPg } from '@prisma/adapter-pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defineRoute } from '@/contracts/route-contract';
import { PrismaClient } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { installPeerAddressHeader, PEER_ADDRESS_HEADER } from '@/server/http/peer-address';
import { route } from '@/server/http/route';
import { AUTH_FAILURE_BURST_THRESHOLD } from '@/server/services/auth/auth-failure-monitor';
import { hashApiKey } from '@/server/services/keys/api-key-format';
import { consumeRequestBudget } from '@/server/services/rate-limit/consume-request-budget';
import { call } from '../support/app-fetch';
import { bearer, enableApiAuth, insertApiKey, jwt, seedTenant } from '../support/auth-fixtures';
import { provideTestDatabase } from '../support/test-database';

enableApiAuth();
const database = provideTestDatabase();

const WINDOW_SECONDS = 2;
const LIMIT = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits for the start of a fresh fixed window, so a burst cannot straddle two windows. */
const freshWindow = () => sleep(WINDOW_SECONDS * 1000 - (Date.now() % (WINDOW_SECONDS * 1000)) + 50);

function limitTo(requests: number, windowSeconds = WINDOW_SECONDS): void {
  process.env.RATE_LIMIT_ENABLED = 'true';
  process.env.RATE_LIMIT_REQUESTS = String(requests);
  process.env.RATE_LIMIT_WINDOW_SECONDS = String(windowSeconds);
}

beforeAll(async () => {
  await seedTenant({ workspace: 'rl-w', peers: ['alice'] });
});
afterEach(() => {
  delete process.env.RATE_LIMIT_ENABLED;
  process.env.AUTH_DISABLED = 'false';
});

const list = (headers: Record<string, string>) => call('POST', '/v3/workspaces/rl-w/peers/list', {}, headers);

describe('rate limiting', () => {
  it('is off by default: no headers, no limit', async () => {
    const headers = bearer(await jwt({ w: 'rl-w' }));
    for (let i = 0; i < 5; i += 1) {
      const response = await list(headers);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBeNull();
    }
  });

  it('sends the headers, answers 429 with Retry-After past the budget, and recovers after the window', async () => {
    limitTo(LIMIT);
    const headers = bearer(await jwt({ w: 'rl-w' }));
    await freshWindow();
    for (let i = 1; i <= LIMIT; i += 1) {
      const response = await list(headers);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBe(String(LIMIT));
      expect(response.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - i));
      const reset = Number(response.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThanOrEqual(1);
      expect(reset).toBeLessThanOrEqual(WINDOW_SECONDS);
    }
    const limited = await list(headers);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ detail: 'Rate limit exceeded' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-request-id')).toBeTruthy();

    await sleep(retryAfter * 1000 + 100);
    const recovered = await list(headers);
    expect(recovered.status).toBe(200);
    expect(recovered.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - 1));
  });

  it('counts every answered request, errors included, and keeps budgets per credential', async () => {
    limitTo(LIMIT);
    const first = await insertApiKey({ workspace: 'rl-w' });
    const second = await insertApiKey({ workspace: 'rl-w' });
    await freshWindow();
    const missing = await call('PUT', '/v3/workspaces/rl-w/sessions/s-none/messages/nope', { metadata: {} }, bearer(first.key));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - 1));
    const invalid = await call('POST', '/v3/workspaces/rl-w/peers/list?size=0', {}, bearer(first.key));
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - 2));
    expect((await list(bearer(first.key))).status).toBe(200);
    expect((await list(bearer(first.key))).status).toBe(429);
    // Another key, and a JWT, each have their own budget.
    expect((await list(bearer(second.key))).headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - 1));
    expect((await list(bearer(await jwt({ w: 'rl-w', t: 'another token' })))).status).toBe(200);
  });

  it('adds the headers to a response the handler built itself (a stream counts as one request)', async () => {
    limitTo(LIMIT);
    const contract = defineRoute({ id: 'streamProbe', method: 'GET', path: '/v3/stream-probe', auth: 'A', tag: 'Service', summary: 'probe', status: 200 });
    const stream = route(contract, async () => new Response('data: [DONE]\n\n', { headers: { 'content-type': 'text/event-stream' } }));
    const response = await stream(new Request('http://localhost:8000/v3/stream-probe', { headers: bearer(await jwt({ ad: true })) }));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - 1));
    expect(await response.text()).toBe('data: [DONE]\n\n');
  });

  it('keys the budget by the socket address when auth is disabled; a forged X-Forwarded-For buys nothing', async () => {
    limitTo(LIMIT);
    process.env.AUTH_DISABLED = 'true';
    installPeerAddressHeader();
    await freshWindow();
    // One direct client rotating X-Forwarded-For values: still one budget.
    const direct = (forged: string) => list({ [PEER_ADDRESS_HEADER]: '198.51.100.1', 'x-forwarded-for': forged });
    for (let i = 0; i < LIMIT; i += 1) expect((await direct(`203.0.113.${i}`)).status).toBe(200);
    expect((await direct('203.0.113.200')).status).toBe(429);
    // Another direct client has its own budget (they no longer share one `unknown` bucket).
    expect((await list({ [PEER_ADDRESS_HEADER]: '198.51.100.2' })).status).toBe(200);
  });

  it('keys the budget by the forwarded client behind a trusted proxy', async () => {
    limitTo(LIMIT);
    process.env.AUTH_DISABLED = 'true';
    process.env.TRUSTED_PROXIES = '10.0.0.0/8';
    installPeerAddressHeader();
    try {
      await freshWindow();
      const viaProxy = (client: string) => list({ [PEER_ADDRESS_HEADER]: '10.0.0.2', 'x-forwarded-for': client });
      for (let i = 0; i < LIMIT; i += 1) expect((await viaProxy('192.0.2.10')).status).toBe(200);
      expect((await viaProxy('192.0.2.10')).status).toBe(429);
      expect((await viaProxy('192.0.2.11')).status).toBe(200);
    } finally {
      delete process.env.TRUSTED_PROXIES;
    }
  });

  it('limits unauthenticated requests by client address: 401s until the budget is spent, then 429', async () => {
    limitTo(LIMIT);
    installPeerAddressHeader();
    await freshWindow();
    const guess = (i: number) => list({ [PEER_ADDRESS_HEADER]: '198.51.100.66', ...bearer(`rpk_guess${i}`) });
    for (let i = 0; i < LIMIT; i += 1) expect((await guess(i)).status).toBe(401);
    const limited = await guess(LIMIT);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // No credential at all is refused the same way; another address still gets its 401s.
    expect((await list({ [PEER_ADDRESS_HEADER]: '198.51.100.66' })).status).toBe(429);
    expect((await list({ [PEER_ADDRESS_HEADER]: '198.51.100.67' })).status).toBe(401);
  });

  it('bounds what a flood of 401s writes: counters stop at their threshold', async () => {
    installPeerAddressHeader();
    const ip = '198.51.100.99';
    // The failure counters use 60 s windows: start well inside one, so the flood is counted in a single window.
    const msLeft = 60_000 - (Date.now() % 60_000);
    if (msLeft < 15_000) await sleep(msLeft + 100);
    for (let i = 0; i < 40; i += 1) {
      expect((await list({ [PEER_ADDRESS_HEADER]: ip, ...bearer(`rpk_flood${i}`) })).status).toBe(401);
    }
    const guessed = Array.from({ length: 40 }, (_, i) => `authfail:cred:value:${hashApiKey(`rpk_flood${i}`)}`);
    const rows = await getDb().rateLimitBucket.findMany({ where: { key: { in: [`authfail:ip:${ip}`, ...guessed] } } });
    expect(rows.find((r) => r.key === `authfail:ip:${ip}`)?.count).toBe(AUTH_FAILURE_BURST_THRESHOLD + 1);
    // One row per guessed value only until the address's burst was recorded, not one per request.
    expect(rows.filter((r) => r.key.startsWith('authfail:cred:')).length).toBe(AUTH_FAILURE_BURST_THRESHOLD);
  });

  it('gives every spelling of one JWT the same budget (base64url leaves unused bits in the signature)', async () => {
    limitTo(LIMIT);
    const token = await jwt({ w: 'rl-w', t: 'malleable' });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature.at(-1)!);
    const spellings = [0, 1, 2, 3].map((bits) => `${header}.${payload}.${signature.slice(0, -1)}${alphabet[(last & ~3) | bits]}`);
    expect(new Set(spellings).size).toBe(4);
    await freshWindow();
    const statuses = [];
    for (const spelling of [...spellings, token]) statuses.push((await list(bearer(spelling))).status);
    // Each spelling verifies (so they are all the same credential), and together they spend one budget.
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('shares one budget between instances: the counter lives in the database', async () => {
    const instances = [0, 1].map(() => new PrismaClient({ adapter: new PrismaPg({ connectionString: database.current.url, max: 2 }) }));
    try {
      const config = { requests: 4, windowSeconds: 60 };
      const subject = `key:shared-${Date.now()}`;
      const results = [];
      for (let i = 0; i < 6; i += 1) results.push(await consumeRequestBudget(subject, config, instances[i % 2]));
      expect(results.map((r) => r.remaining)).toEqual([3, 2, 1, 0, 0, 0]);
      expect(results.map((r) => r.exceeded)).toEqual([false, false, false, false, true, true]);
      // Concurrent hits from both instances are each counted exactly once.
      const concurrent = `key:concurrent-${Date.now()}`;
      await Promise.all(Array.from({ length: 10 }, (_, i) => consumeRequestBudget(concurrent, { requests: 100, windowSeconds: 60 }, instances[i % 2])));
      expect((await consumeRequestBudget(concurrent, { requests: 100, windowSeconds: 60 }, instances[0])).remaining).toBe(100 - 11);
    } finally {
      await Promise.all(instances.map((db) => db!.$disconnect()));
    }
  });
});
