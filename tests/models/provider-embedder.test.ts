// Provider embeddings through the AI SDK: the deployment dimension is requested and enforced, batches are split,
// failures carry the provider's words.
import { describe, expect, it } from 'vitest';
import { MockEmbeddingModelV3 } from 'ai/test';
import { ProviderEmbedder } from '@/server/models/llm/provider-embedder';
import { createModelEngines } from '@/server/models/model-engines';
import { readModelConfig } from '@/server/models/model-config';
import { ModelCallError } from '@/server/models/model-errors';
import { apiError, embeddingModel } from './mock-models';

describe('ProviderEmbedder', () => {
  it('requests the deployment dimension and returns one vector per text, batching large inputs', async () => {
    const model = embeddingModel(64);
    const embedder = new ProviderEmbedder({ model, engine: 'openai:text-embedding-3-small', dimensions: 64, timeoutMs: 5_000 });
    const texts = Array.from({ length: 300 }, (_, i) => `text ${i}`);
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(300);
    expect(vectors.every((v) => v.length === 64)).toBe(true);
    expect(model.doEmbedCalls.length).toBeGreaterThan(1);
    expect(model.doEmbedCalls.map((call) => call.dimensions)).toEqual(model.doEmbedCalls.map(() => 64));
    expect(model.doEmbedCalls.flatMap((call) => call.values)).toEqual(texts);
    expect(embedder.maxInputTokens).toBe(8_000);
    expect(await embedder.embed([])).toEqual([]);
  });

  it('refuses vectors of another size with a clear, non-retryable error', async () => {
    const embedder = new ProviderEmbedder({ model: embeddingModel(768), engine: 'openai-compatible:nomic', dimensions: 384, timeoutMs: 5_000 });
    const error = await embedder.embed(['hello']).catch((e) => e);
    expect(error).toBeInstanceOf(ModelCallError);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/returned 768-dimensional vectors but EMBEDDING_DIMENSIONS is 384/);
  });

  it('wraps provider failures with their message', async () => {
    const model = new MockEmbeddingModelV3({ provider: 'openai.embedding', modelId: 'x', doEmbed: async () => Promise.reject(apiError(429, 'quota exceeded')) });
    const error = await new ProviderEmbedder({ model, engine: 'openai:x', dimensions: 8, timeoutMs: 5_000 }).embed(['a']).catch((e) => e);
    expect(error).toBeInstanceOf(ModelCallError);
    expect(error.message).toContain('quota exceeded');
    expect(error.retryable).toBe(true);
  });

  it('is what createModelEngines builds from an injected embedding model, at the configured dimension', async () => {
    const engines = createModelEngines({ embeddingModel: embeddingModel(384) }, readModelConfig({}));
    expect(engines.describe()).toMatchObject({ embedder: 'openai:text-embedding-3-small', embeddingDimensions: 384 });
    expect((await engines.embedder.embed(['a']))[0]).toHaveLength(384);
  });
});
