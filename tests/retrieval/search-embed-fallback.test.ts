// The query embedding never holds a search hostage: a provider that hangs is abandoned at SEARCH_EMBED_TIMEOUT_MS (and
// told so through its abort signal), one that fails is skipped, and either way message search, conclusion search,
// representation and session context answer from their lexical legs. A request whose client went away stops
// waiting for the embedding at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockEmbeddingModelV3 } from 'ai/test';
import { getDb } from '@/server/db/client';
import { createModelEngines, setModelEnginesForTesting } from '@/server/models';
import { ProviderEmbedder } from '@/server/models/llm/provider-embedder';
import { embedQuery } from '@/server/services/search/embed-query';
import { searchMessageRows } from '@/server/services/search/search-message-rows';
import { call } from '../support/app-fetch';
import { json, uniqueId } from '../support/http-assertions';
import { provideTestDatabase, TEST_EMBEDDING_DIMENSIONS } from '../support/test-database';
import { addMessages, insertConclusions, internalIds } from './retrieval-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();

/** A provider that never answers; it records the abort signals it was given. */
function hangingModel() {
  const signals: AbortSignal[] = [];
  const model = new MockEmbeddingModelV3({
    provider: 'openai.embedding',
    modelId: 'hangs',
    doEmbed: ({ abortSignal }) => {
      if (abortSignal) signals.push(abortSignal);
      return new Promise((_, reject) => abortSignal?.addEventListener('abort', () => reject(abortSignal.reason), { once: true }));
    },
  });
  return { model, signals };
}

const failingModel = new MockEmbeddingModelV3({
  provider: 'openai.embedding',
  modelId: 'fails',
  doEmbed: async () => Promise.reject(new Error('provider unavailable')),
});

function provider(model: MockEmbeddingModelV3) {
  // The model's own timeout is a minute, as in production: only the search deadline can end the wait.
  return new ProviderEmbedder({ model, engine: 'openai:test', dimensions: TEST_EMBEDDING_DIMENSIONS, timeoutMs: 60_000 });
}

let ws: string;
let previousTimeout: string | undefined;

beforeAll(async () => {
  previousTimeout = process.env.SEARCH_EMBED_TIMEOUT_MS;
  process.env.SEARCH_EMBED_TIMEOUT_MS = '50';
  setModelEnginesForTesting(createModelEngines());
  ws = uniqueId('embed-fallback');
  await addMessages(ws, 's1', [
    { peer_id: 'alice', content: 'The heron nests by the quarry lake every April' },
    { peer_id: 'bob', content: 'I prefer the mountains in winter' },
  ]);
  await insertConclusions(ws, [{ observer: 'alice', observed: 'alice', content: 'Alice watches the heron at the quarry lake' }]);
});

afterAll(() => {
  setModelEnginesForTesting(null);
  if (previousTimeout === undefined) delete process.env.SEARCH_EMBED_TIMEOUT_MS;
  else process.env.SEARCH_EMBED_TIMEOUT_MS = previousTimeout;
});

describe('query embedding fallback', () => {
  it('abandons a hanging provider at the search deadline, aborting its call, and answers lexically', async () => {
    const { model, signals } = hangingModel();
    setModelEnginesForTesting({ ...createModelEngines(), embedder: provider(model) });
    const hits = (await json(await call('POST', `/v3/workspaces/${ws}/search`, { query: 'where does the heron nest?' }))) as { content: string }[];
    expect(hits[0]?.content).toContain('heron');
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('answers lexically when the provider fails: messages, conclusions, representation, session context', async () => {
    setModelEnginesForTesting({ ...createModelEngines(), embedder: provider(failingModel) });
    const messages = (await json(await call('POST', `/v3/workspaces/${ws}/search`, { query: 'heron quarry' }))) as { content: string }[];
    // The lexical hit first; the turn after it follows on neighbour credit alone (conversation-neighbours.ts).
    expect(messages.map((m) => m.content)).toEqual(['The heron nests by the quarry lake every April', 'I prefer the mountains in winter']);

    const conclusions = (await json(await call('POST', `/v3/workspaces/${ws}/conclusions/query`, {
      query: 'heron', filters: { observer_id: 'alice', observed_id: 'alice' },
    }))) as { content: string }[];
    expect(conclusions.map((c) => c.content)).toEqual(['Alice watches the heron at the quarry lake']);

    const representation = (await json(await call('POST', `/v3/workspaces/${ws}/peers/alice/representation`, {
      search_query: 'heron', search_top_k: 1,
    }))) as { representation: string };
    expect(representation.representation).toContain('heron');

    const context = (await json(await call(
      'GET', `/v3/workspaces/${ws}/sessions/s1/context?peer_target=alice&search_query=heron&search_top_k=1`,
    ))) as { peer_representation: string | null };
    expect(context.peer_representation).toContain('heron');
  });

  it('stops waiting as soon as the request is aborted, long before the deadline', async () => {
    const { model, signals } = hangingModel();
    const request = new AbortController();
    const pending = embedQuery('heron', provider(model), { signal: request.signal, timeoutMs: 60_000 });
    request.abort(new Error('client went away'));
    expect(await pending).toBeNull();
    expect(signals.every((s) => s.aborted)).toBe(true);

    const { workspaceId } = await internalIds(ws);
    const rows = await searchMessageRows(getDb(), { workspaceId }, 'heron', 5, { embedder: provider(model), signal: request.signal });
    expect(rows[0]?.content).toBe('The heron nests by the quarry lake every April');
  });
});
