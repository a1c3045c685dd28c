// The unversioned web surface, called in-process: /openapi.json, the JSON 404 for unknown /v3 paths and
// the request-id and error helpers every handler shares.
import { describe, expect, it, vi } from 'vitest';

// connection() only opts the handler out of prerendering; outside a Next request it has nothing to do.
vi.mock('next/server', () => ({ connection: async () => undefined }));

import { GET as getOpenApi } from '@/app/openapi.json/route';
import * as unknownV3 from '@/app/v3/[...path]/route';
import { jsonError, methodNotAllowedError } from '@/server/http/json-error';
import { resolveRequestId } from '@/server/http/request-id';

const request = (path: string, init: RequestInit = {}) => new Request(`http://localhost${path}`, init);

describe('request ids and JSON errors', () => {
  it('echoes a safe inbound x-request-id and replaces an unsafe one', () => {
    expect(resolveRequestId(request('/', { headers: { 'x-request-id': 'abc-1.2_3' } }))).toBe('abc-1.2_3');
    expect(resolveRequestId(request('/', { headers: { 'x-request-id': 'has space' } }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(resolveRequestId(request('/', { headers: { 'x-request-id': 'x'.repeat(129) } }))).toHaveLength(36);
    expect(resolveRequestId()).toHaveLength(36);
  });

  it('answers JSON with a string detail, extras and the request id', async () => {
    const response = jsonError(request('/', { headers: { 'x-request-id': 'r1' } }), 409, 'Conflict', { extra: 1 });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-request-id')).toBe('r1');
    expect(await response.json()).toEqual({ detail: 'Conflict', extra: 1 });
  });

  it('lists allowed methods on a 405', async () => {
    const response = methodNotAllowedError(request('/'), ['GET', 'PUT']);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, PUT, OPTIONS');
    expect(await response.json()).toEqual({ detail: 'Method Not Allowed' });
  });
});

describe('unknown /v3 paths', () => {
  it.each(['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const)('%s answers 404 JSON', async (method) => {
    const response = await unknownV3[method](request('/v3/nope', { method }));
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(await response.json()).toEqual({ detail: 'Not Found' });
  });
});

describe('GET /openapi.json', () => {
  it('returns the OpenAPI 3.1 document', async () => {
    const response = getOpenApi(request('/openapi.json'));
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/health', '/docs', '/openapi.json']));
  });
});
