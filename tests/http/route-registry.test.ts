// The route registry and the route.ts files under src/app agree (docs/architecture.md#layering, rule 9): every registered /v3 route is
// served by a file exporting its method, and every method a /v3 route file exports is registered (or is the JSON 404
// catch-all). A route added to one side only fails here.
import { describe, expect, it } from 'vitest';
import { routes } from '@/contracts/routes';
import { methodsForPath } from '@/server/http/route-matcher';
import { entries, match } from '../support/app-fetch';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'sample');

describe('route registry ↔ route files', () => {
  const v3 = routes.filter((r) => r.path.startsWith('/v3/'));

  it('every registered route is served by a file that exports its method', async () => {
    for (const route of v3) {
      const found = match(concrete(route.path));
      expect(found, `${route.method} ${route.path} has no route file`).not.toBeNull();
      expect(found!.entry.file, `${route.method} ${route.path} falls into the catch-all`).not.toMatch(/\[\.\.\./);
      const mod = await found!.entry.load();
      expect(typeof mod[route.method], `${found!.entry.file} does not export ${route.method}`).toBe('function');
    }
  });

  it('every method exported by a /v3 route file is registered', async () => {
    // /v3 itself and the catch-all are the JSON 404 surface, not API routes.
    const files = entries.filter((e) => e.file.startsWith('/src/app/v3/') && !e.file.includes('[...') && e.file !== '/src/app/v3/route.ts');
    for (const entry of files) {
      const path = entry.segments.map((s) => (s.kind === 'static' ? s.value : 'sample')).join('/');
      const mod = await entry.load();
      for (const method of METHODS) {
        if (typeof mod[method] !== 'function') continue;
        expect(methodsForPath(`/${path}`), `${entry.file} exports ${method} but no registered route serves it`).toContain(method);
      }
    }
  });

  it('the catch-all answers JSON 404 for every method', async () => {
    const found = match('/v3/no/such/route/anywhere');
    expect(found?.entry.file).toMatch(/\[\.\.\.path\]/);
    const mod = await found!.entry.load();
    for (const method of METHODS) {
      const response = await mod[method]!(new Request('http://x/v3/no/such', { method }), { params: Promise.resolve({}) });
      expect(response.status).toBe(404);
    }
  });
});
