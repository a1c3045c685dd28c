// GET /api/debug/heap: what the soak run judges memory by. Off by default (a forced collection pauses the server).
import { afterEach, describe, expect, it, vi } from 'vitest';

// connection() only opts the handler out of prerendering; outside a Next request it has nothing to do.
vi.mock('next/server', () => ({ connection: async () => undefined }));

import { GET } from '@/app/api/debug/heap/route';

afterEach(() => {
  delete process.env.RAPPORT_HEAP_REPORT;
});

describe('GET /api/debug/heap', () => {
  it('answers 404 with a JSON detail unless RAPPORT_HEAP_REPORT is on', async () => {
    for (const value of [undefined, 'false', '0', 'nonsense']) {
      if (value === undefined) delete process.env.RAPPORT_HEAP_REPORT;
      else process.env.RAPPORT_HEAP_REPORT = value;
      const response = await GET(new Request('http://localhost/api/debug/heap'));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ detail: 'Not Found' });
    }
  });

  it('reports the heap in use, below the heap size, and the live handles when on', async () => {
    process.env.RAPPORT_HEAP_REPORT = 'true';
    const response = await GET(new Request('http://localhost/api/debug/heap'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const report = (await response.json()) as { collected: boolean; heapUsedMiB: number; heapTotalMiB: number; resources: Record<string, number> };
    // Whether it could collect depends on --expose-gc, which the test runner's process does not have.
    expect(report.collected).toBe(typeof (globalThis as { gc?: unknown }).gc === 'function');
    expect(report.heapUsedMiB).toBeGreaterThan(1);
    expect(report.heapUsedMiB).toBeLessThanOrEqual(report.heapTotalMiB);
    expect(Object.values(report.resources).every((n) => Number.isInteger(n) && n > 0)).toBe(true);
  });
});
