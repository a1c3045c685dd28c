// Configuration → engines: the offline default, providers and per-task models from the environment, overrides
// winning per task, clear errors for settings that cannot work, and the process-wide instance.
import { afterEach, describe, expect, it } from 'vitest';
import { MockLanguageModelV3 } from 'ai/test';
import { ModelConfigError, readModelConfig } from '@/server/models/model-config';
import { createModelEngines, getModelEngines, setModelEnginesForTesting } from '@/server/models/model-engines';

const engines = (env: Record<string, string>) => createModelEngines({}, readModelConfig(env));

describe('model configuration', () => {
  afterEach(() => setModelEnginesForTesting(null));

  it('uses the offline local engines when no provider is configured, even with a stray OPENAI_API_KEY', () => {
    const e = engines({ OPENAI_API_KEY: 'sk-other-tool' });
    expect(e.describe()).toEqual({
      deriver: 'local:heuristic-extractor',
      summary: 'local:extractive-summary',
      dream: 'local:consolidator',
      dialectic: 'local:retrieval-answerer',
      embedder: 'local:hashed-ngrams',
      embeddingDimensions: 384,
    });
    expect(e.dialecticModel).toBeNull();
    expect(e.embedder.dimensions).toBe(384);
  });

  it('builds provider models with the default model, per-task models and the shared key fallback', () => {
    const e = engines({ LLM_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test', DIALECTIC_MODEL: 'gpt-4.1', EMBEDDING_DIMENSIONS: '512' });
    expect(e.describe()).toMatchObject({
      deriver: 'openai:gpt-4o-mini',
      summary: 'openai:gpt-4o-mini',
      dream: 'openai:gpt-4o-mini',
      dialectic: 'openai:gpt-4.1',
      embedder: 'local:hashed-ngrams',
      embeddingDimensions: 512,
    });
    expect(e.dialecticModel).not.toBeNull();

    const anthropic = engines({ LLM_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', LLM_MODEL: 'claude-sonnet-4-5', SUMMARY_MODEL: 'claude-haiku-4-5' });
    expect(anthropic.describe()).toMatchObject({ deriver: 'anthropic:claude-sonnet-4-5', summary: 'anthropic:claude-haiku-4-5' });

    const ollama = engines({ LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: 'http://localhost:11434/v1', LLM_MODEL: 'llama3.1' });
    expect(ollama.describe().deriver).toBe('openai-compatible:llama3.1');
  });

  it('configures provider embeddings at the deployment dimension', () => {
    const e = engines({ EMBEDDING_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test', EMBEDDING_DIMENSIONS: '256' });
    expect(e.describe()).toMatchObject({ embedder: 'openai:text-embedding-3-small', embeddingDimensions: 256, deriver: 'local:heuristic-extractor' });
    const compatible = engines({ EMBEDDING_PROVIDER: 'openai-compatible', EMBEDDING_BASE_URL: 'http://localhost:11434/v1', EMBEDDING_MODEL: 'nomic-embed-text' });
    expect(compatible.embedder.engine).toBe('openai-compatible:nomic-embed-text');
  });

  it.each([
    [{ LLM_PROVIDER: 'openai' }, /LLM_PROVIDER=openai needs an API key: set LLM_API_KEY or OPENAI_API_KEY/],
    [{ LLM_PROVIDER: 'anthropic', OPENAI_API_KEY: 'sk' }, /ANTHROPIC_API_KEY/],
    [{ LLM_PROVIDER: 'openai-compatible', LLM_MODEL: 'x' }, /needs LLM_BASE_URL/],
    [{ LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: 'http://localhost:1234/v1' }, /needs LLM_MODEL/],
    [{ LLM_PROVIDER: 'gemini' }, /LLM_PROVIDER/],
    [{ LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: 'not a url', LLM_MODEL: 'x' }, /LLM_BASE_URL/],
    [{ EMBEDDING_PROVIDER: 'openai' }, /EMBEDDING_PROVIDER=openai needs an API key/],
    [{ EMBEDDING_PROVIDER: 'openai-compatible', EMBEDDING_BASE_URL: 'http://localhost:1/v1' }, /needs EMBEDDING_MODEL/],
    [{ EMBEDDING_PROVIDER: 'openai', OPENAI_API_KEY: 'k', EMBEDDING_MODEL: 'text-embedding-ada-002' }, /always returns 1536 dimensions but EMBEDDING_DIMENSIONS=384/],
    [{ EMBEDDING_PROVIDER: 'openai', OPENAI_API_KEY: 'k', EMBEDDING_DIMENSIONS: '2048' }, /at most 1536/],
    [{ MODEL_TIMEOUT_MS: '5' }, /MODEL_TIMEOUT_MS/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => readModelConfig(env as Record<string, string>)).toThrow(message);
  });

  it('throws ModelConfigError for settings that parse but cannot work', () => {
    expect(() => readModelConfig({ LLM_PROVIDER: 'openai' })).toThrow(ModelConfigError);
  });

  it('lets injected models win task by task over the configured provider', () => {
    const mock = new MockLanguageModelV3({ provider: 'mock.chat', modelId: 'scripted' });
    const e = createModelEngines(
      { languageModels: { summary: mock, dialectic: mock } },
      readModelConfig({ LLM_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test' }),
    );
    expect(e.describe()).toMatchObject({ summary: 'mock:scripted', dialectic: 'mock:scripted', deriver: 'openai:gpt-4o-mini' });
    // The injected model itself answers, behind the usage-metering wrapper every task's model gets.
    expect(e.dialecticModel).toMatchObject({ provider: 'mock.chat', modelId: 'scripted' });
    // Without a provider, an injected model still replaces only its own task.
    const local = createModelEngines({ languageModels: { deriver: mock } }, readModelConfig({}));
    expect(local.describe()).toMatchObject({ deriver: 'mock:scripted', summary: 'local:extractive-summary' });
  });

  it('keeps one process-wide set, replaceable for tests', () => {
    const first = getModelEngines();
    expect(getModelEngines()).toBe(first);
    const injected = createModelEngines({}, readModelConfig({}));
    setModelEnginesForTesting(injected);
    expect(getModelEngines()).toBe(injected);
    setModelEnginesForTesting(null);
    expect(getModelEngines()).not.toBe(injected);
  });
});
