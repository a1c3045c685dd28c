// The REST adapter's wire conventions (docs/api.md#s1-2, #s1-8, docs/honcho-differences.md#validation-errors, #unexpected-errors), exercised with synthetic contracts so every
// branch is reached regardless of which resources exist.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineRoute } from '@/contracts/route-contract';
import { metadataSchema, paginationQuery, queryArray, resourceId } from '@/contracts/common';
import { route } from '@/server/http/route';
import { ConflictError, InvalidInputError, NotFoundError, RejectedError } from '@/server/services/errors';

// Wire conventions only: credentials are the auth suites' business (tests/auth), so these run with API auth off.
process.env.AUTH_DISABLED ??= 'true';

const contract = defineRoute({
  id: 'probe', method: 'POST', path: '/v3/probe/{thing_id}', auth: 'W', tag: 'Service', summary: 'probe', status: 201,
  params: z.object({ thing_id: resourceId }),
  query: paginationQuery.extend({ tags: queryArray(z.string()).optional() }),
  body: z.object({ items: z.array(z.object({ name: z.string(), size: z.number().int() })).min(1).max(3), metadata: metadataSchema.optional() }),
  bodyRequired: true,
  // The probes echo what they parsed, so any JSON is a valid answer.
  response: z.unknown(),
});
const optionalBody = defineRoute({ ...contract, id: 'probeOptional', bodyRequired: false, body: z.object({ filters: z.unknown().optional() }) });

const echo = route(contract, async ({ params, query, body }) => ({ body: { params, query, body } }));
const ctx = (thing_id = 'w1') => ({ params: Promise.resolve({ thing_id }) });
const post = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }, url = 'http://x/v3/probe/w1') =>
  new Request(url, { method: 'POST', body, headers });

async function expectError(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  expect(response.headers.get('x-request-id')).toBeTruthy();
  const body = await response.json();
  expect(typeof body.detail).toBe('string');
  return body;
}

describe('REST adapter', () => {
  it('parses path, query (booleans, repeated keys) and body, and answers with the contract status', async () => {
    const response = await echo(post(JSON.stringify({ items: [{ name: 'a', size: 1 }], extra: 'ignored' }), undefined,
      'http://x/v3/probe/w1?page=2&size=10&reverse=TRUE&tags=a&tags=b&unknown=1'), ctx());
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      params: { thing_id: 'w1' },
      query: { page: 2, size: 10, reverse: true, tags: ['a', 'b'] },
      body: { items: [{ name: 'a', size: 1 }] },
    });
  });

  it('takes path values as Next decoded them: a literal % is data, not an escape to decode again', async () => {
    const loose = route(defineRoute({ ...contract, id: 'probeLoose', params: z.object({ thing_id: z.string() }) }), async ({ params }) => ({ body: params }));
    const body = JSON.stringify({ items: [{ name: 'a', size: 1 }] });
    // `/v3/probe/50%25off` reaches the handler as `50%off`.
    const echoed = await loose(post(body, undefined, 'http://x/v3/probe/50%25off'), ctx('50%off'));
    expect(echoed.status).toBe(201);
    expect(await echoed.json()).toEqual({ thing_id: '50%off' });
    const refused = await echo(post(body, undefined, 'http://x/v3/probe/50%25off'), ctx('50%off'));
    await expectError(refused, 422);
  });

  it('400 on malformed JSON', async () => {
    expect(await expectError(await echo(post('{"items": ['), ctx()), 400)).toEqual({ detail: 'Malformed JSON body' });
  });

  it('415 on a non-JSON content type, accepts a missing one', async () => {
    await expectError(await echo(post('items=1', { 'content-type': 'application/x-www-form-urlencoded' }), ctx()), 415);
    // A byte body carries no Content-Type at all (a string body would default to text/plain).
    const ok = await echo(post(new TextEncoder().encode(JSON.stringify({ items: [{ name: 'a', size: 1 }] })), {}), ctx());
    expect(ok.status).toBe(201);
  });

  it('413 beyond 16 MiB, declared or not', async () => {
    const big = JSON.stringify({ items: [{ name: 'x'.repeat(16 * 1024 * 1024), size: 1 }] });
    await expectError(await echo(post(big), ctx()), 413);
  });

  it('422 with errors[] on a missing required body, wrong types, limits and bad query values', async () => {
    const missing = await expectError(await echo(post(''), ctx()), 422);
    expect(missing.errors).toEqual([{ path: 'body', message: 'Field required' }]);

    const wrong = await expectError(await echo(post(JSON.stringify({ items: [{ size: 'big' }] })), ctx()), 422);
    expect(wrong.detail).toBe('items[0].name: Field required (and 1 more)');
    expect(wrong.errors.map((e: { path: string }) => e.path)).toEqual(['body.items[0].name', 'body.items[0].size']);
    // A present value of the wrong type is not "Field required".
    expect(wrong.errors[1].message).toMatch(/expected number, received string/);

    const deep = { a: { b: { c: { d: { e: { f: 1 } } } } } };
    const tooDeep = await expectError(await echo(post(JSON.stringify({ items: [{ name: 'a', size: 1 }], metadata: deep })), ctx()), 422);
    expect(tooDeep.errors[0].path).toBe('body.metadata');

    const badQuery = await expectError(await echo(post(JSON.stringify({ items: [{ name: 'a', size: 1 }] }), undefined, 'http://x/v3/probe/w1?size=101&reverse=maybe'), ctx()), 422);
    expect(badQuery.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.reverse', 'query.size']);

    const badPath = await expectError(await echo(post(JSON.stringify({ items: [{ name: 'a', size: 1 }] })), ctx('bad id!')), 422);
    expect(badPath.errors[0].path).toBe('path.thing_id');
  });

  it('treats no body, whitespace, {} and null alike on optional-body routes', async () => {
    const handler = route(optionalBody, async ({ body }) => ({ body }));
    for (const raw of [null, '  ', '{}', 'null']) {
      const response = await handler(post(raw), ctx());
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({});
    }
  });

  it('maps domain errors to their status and hides unexpected ones behind an opaque 500', async () => {
    const cases: [Error, number, Record<string, unknown>][] = [
      [new NotFoundError('Session s1 not found in workspace w1'), 404, { detail: 'Session s1 not found in workspace w1' }],
      [new ConflictError('busy'), 409, { detail: 'busy' }],
      [new RejectedError('too many observers'), 400, { detail: 'too many observers' }],
      [InvalidInputError.at('body.filters.x', 'not allowed'), 422, { errors: [{ path: 'body.filters.x', message: 'not allowed' }] }],
    ];
    for (const [error, status, expected] of cases) {
      const response = await route(optionalBody, async () => { throw error; })(post('{}'), ctx());
      expect(await expectError(response, status)).toMatchObject(expected);
    }
    const crash = await route(optionalBody, async () => { throw new Error('secret internals'); })(
      new Request('http://x/v3/probe/w1', { method: 'POST', headers: { 'x-request-id': 'req-42' } }), ctx());
    expect(crash.status).toBe(500);
    expect(crash.headers.get('x-request-id')).toBe('req-42');
    expect(await crash.json()).toEqual({ detail: 'Internal server error' });
  });

  it('sends 204 with no body', async () => {
    const response = await route({ ...optionalBody, status: 204, response: undefined }, async () => ({}))(post('{}'), ctx());
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });
});
