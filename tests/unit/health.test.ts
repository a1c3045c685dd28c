// GET /health against a real embedded database, and against a database that does not answer.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { provideTestDatabase } from '../support/test-database';

// connection() only opts the handler out of prerendering; outside a Next request it has nothing to do.
vi.mock('next/server', () => ({ connection: async () => undefined }));

import { MockLanguageModelV3 } from 'ai/test';
import { GET as getHealthRoute } from '@/app/health/route';
import DocsPage from '@/app/docs/page';
import { closeDb } from '@/server/db/client';
import { createModelEngines, setModelEnginesForTesting } from '@/server/models/model-engines';

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
      // No provider is configured in tests: the offline engines answer.
      engines: {
        deriver: 'local:heuristic-extractor',
        summary: 'local:extractive-summary',
        dream: 'local:consolidator',
        dialectic: 'local:retrieval-answerer',
        embedder: 'local:hashed-ngrams',
        embedding_dimensions: database.current.prepared?.vector.dimensions,
      },
    });
  });

  it('names the provider models that are active', async () => {
    const model = new MockLanguageModelV3({ provider: 'openai.responses', modelId: 'gpt-4o-mini' });
    setModelEnginesForTesting(createModelEngines({ languageModels: { deriver: model, dialectic: model } }));
    try {
      const body = await (await getHealthRoute(new Request('http://localhost/health'))).json();
      expect(body.engines).toMatchObject({ deriver: 'openai:gpt-4o-mini', dialectic: 'openai:gpt-4o-mini', summary: 'local:extractive-summary' });
    } finally {
      setModelEnginesForTesting(null);
    }
  });

  it('stays 200 without an engines field when the model configuration is invalid', async () => {
    const saved = process.env.LLM_PROVIDER;
    process.env.LLM_PROVIDER = 'openai-compatible';
    setModelEnginesForTesting(null);
    try {
      const response = await getHealthRoute(new Request('http://localhost/health'));
      expect(response.status).toBe(200);
      expect(await response.json()).not.toHaveProperty('engines');
    } finally {
      if (saved === undefined) delete process.env.LLM_PROVIDER;
      else process.env.LLM_PROVIDER = saved;
      setModelEnginesForTesting(null);
    }
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
