// GET /health against a real embedded database, and against a database that does not answer.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { provideTestDatabase } from '../support/test-database';

// connection() only opts the handler out of prerendering; outside a Next request it has nothing to do.
vi.mock('next/server', () => ({ connection: async () => undefined }));

import { GET as getHealthRoute } from '@/app/health/route';
import DocsPage from '@/app/docs/page';
import { closeDb } from '@/server/db/client';

const database = provideTestDatabase();

describe('GET /health', () => {
  it('is 200 with the database and vector modes of the live database', async () => {
    const response = await getHealthRoute(new Request('http://localhost/health'));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(await response.json()).toEqual({
      status: 'ok',
      database: database.current.kind,
      vector: database.current.prepared?.vector.mode,
    });
  });

  it('is 503 with a JSON detail when the database does not answer', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:1/none?connect_timeout=2';
    try {
      const response = await getHealthRoute(new Request('http://localhost/health'));
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body).toMatchObject({ status: 'error', detail: 'Database unreachable' });
    } finally {
      await closeDb();
      process.env.DATABASE_URL = saved;
    }
  });
});

describe('GET /docs', () => {
  it('renders every registered route from the OpenAPI document', () => {
    const html = renderToStaticMarkup(DocsPage());
    expect(html).toContain('/health');
    expect(html).toContain('/openapi.json');
    expect(html).toMatch(/API reference/i);
  });
});
