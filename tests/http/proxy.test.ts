// The /v3 edge: CORS preflight without auth, CORS headers, and JSON 405s for known paths with a wrong method.
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';
import { methodsForPath } from '@/server/http/route-matcher';
import { routes } from '@/contracts/routes';

describe('proxy', () => {
  it('answers a preflight with 204 and the contract CORS headers', async () => {
    const response = proxy(new NextRequest('http://localhost/v3/workspaces', {
      method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'PUT' },
    }));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, DELETE, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Authorization, Content-Type, Accept, X-Honcho-Host/);
    expect(response.headers.get('access-control-expose-headers')).toMatch(/Retry-After.*X-RateLimit-Reset.*x-request-id/);
  });

  it('answers 405 JSON for a registered path with an unregistered method', async () => {
    const sample = routes.find((r) => r.path.startsWith('/v3/'));
    expect(sample).toBeDefined();
    if (!sample) return;
    const path = sample.path.replace(/\{[^}]+\}/g, 'sample');
    const wrong = (['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const).find((m) => !methodsForPath(path).includes(m))!;
    const response = proxy(new NextRequest(`http://localhost${path}`, { method: wrong }));
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({ detail: 'Method Not Allowed' });
    expect(response.headers.get('allow')).toContain(sample.method);
  });

  it('answers a path Next cannot percent-decode with a JSON 400 instead of an HTML page', async () => {
    for (const path of ['/v3/workspaces/%E0%A4%A', '/v3/workspaces/ws/peers/%zz', '/v3/workspaces/50%']) {
      const response = proxy(new NextRequest(`http://localhost${path}`, { method: 'PUT' }));
      expect(response.status, path).toBe(400);
      expect(await response.json()).toEqual({ detail: 'Malformed percent-encoding in the URL path' });
      expect(response.headers.get('x-request-id')).toBeTruthy();
    }
    // A well-formed escape of `%` itself is data for the handler.
    expect(proxy(new NextRequest('http://localhost/v3/workspaces/50%25off', { method: 'PUT' })).headers.get('x-middleware-next')).toBe('1');
  });

  it('passes registered methods and unknown paths through to the handlers', () => {
    expect(proxy(new NextRequest('http://localhost/v3/unknown/path', { method: 'GET' })).headers.get('x-middleware-next')).toBe('1');
    expect(methodsForPath('/v3/unknown/path')).toEqual([]);
  });

  it('records the requested console path (without _rsc) for the sign-in redirect, replacing a client-sent value', () => {
    const response = proxy(new NextRequest('http://localhost/console/apps/demo/users?q=al&_rsc=1x2y', {
      headers: { 'x-rapport-console-path': '/console/elsewhere' },
    }));
    expect(response.headers.get('x-middleware-next')).toBe('1');
    expect(response.headers.get('x-middleware-request-x-rapport-console-path')).toBe('/console/apps/demo/users?q=al');
    expect(response.headers.get('x-middleware-override-headers')).toContain('x-rapport-console-path');
  });

  it('lets console pages run only scripts with a fresh per-request nonce, handed to the page and never from the client', () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 5; i += 1) {
      const response = proxy(new NextRequest('http://localhost/console/apps/demo', { headers: { 'x-nonce': 'chosen-by-client' } }));
      const policy = response.headers.get('content-security-policy') ?? '';
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]{24})' 'strict-dynamic'(;| 'unsafe-eval';)/.exec(policy)?.[1];
      expect(nonce, policy).toBeDefined();
      nonces.add(nonce!);
      // The page gets the same nonce, and the same policy (from which Next takes the nonce for its own scripts).
      expect(response.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
      expect(response.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
      expect(policy).not.toContain('unsafe-inline');
    }
    expect(nonces.size).toBe(5);
    // The API is not a page: no policy there.
    expect(proxy(new NextRequest('http://localhost/v3/workspaces/list', { method: 'POST' })).headers.get('content-security-policy')).toBeNull();
  });

  it('forbids framing console pages', () => {
    for (const path of ['/console', '/console/sign-in', '/console/apps/demo/keys']) {
      const response = proxy(new NextRequest(`http://localhost${path}`));
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});
