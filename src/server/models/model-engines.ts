import 'server-only';
// The one place that turns configuration (plus test overrides) into the engines the worker, search and dialectic
// use. Each task independently gets its configured language model, an injected one, or the offline local engine,
// so a deployment can e.g. derive with a small local model while dialectic uses a hosted one.
import type { EmbeddingModel, LanguageModel } from 'ai';
import type { Dreamer, Embedder, EngineDescription, FactDeriver, ModelEngineOverrides, ModelEngines, ModelTask, Summariser } from './engine-types';
import { LlmDeriver } from './llm/llm-deriver';
import { LlmDreamer } from './llm/llm-dreamer';
import { LlmSummariser } from './llm/llm-summariser';
import { ProviderEmbedder } from './llm/provider-embedder';
import { LocalDreamer } from './local/local-dreamer';
import { LocalEmbedder } from './local/local-embedder';
import { LocalFactExtractor } from './local/local-fact-extractor';
import { ExtractiveSummariser } from './local/extractive-summariser';
import { observedLanguageModel } from '@/server/observability/observed-model';
import { readModelConfig, type ModelConfig } from './model-config';
import { configuredEmbeddingModel, configuredLanguageModel, embeddingModelName, languageModelName } from './providers';

/** What the offline dialectic is called in `describe()`; the answerer itself lives with the dialectic service. */
export const LOCAL_DIALECTIC_ENGINE = 'local:retrieval-answerer';

function languageModelFor(task: ModelTask, overrides: ModelEngineOverrides, config: ModelConfig): LanguageModel | null {
  const model = overrides.languageModels?.[task] ?? configuredLanguageModel(config.llm, task);
  // Wrapped once here so every call of the task is counted (tokens, outcome) whichever code path makes it.
  return model && observedLanguageModel(model, task);
}

function embedderFor(overrides: ModelEngineOverrides, config: ModelConfig): Embedder {
  const { dimensions } = config.embedding;
  const model: EmbeddingModel | null = overrides.embeddingModel ?? configuredEmbeddingModel(config.embedding);
  if (!model) return new LocalEmbedder(dimensions);
  // OpenAI-style endpoints honour a requested size; an injected model is asked the same way.
  return new ProviderEmbedder({ model, engine: embeddingModelName(model), dimensions, timeoutMs: config.timeoutMs });
}

/** Builds a fresh set of engines. Overrides (tests, embedding apps) win over configuration, task by task. */
export function createModelEngines(overrides: ModelEngineOverrides = {}, config: ModelConfig = readModelConfig()): ModelEngines {
  const timeoutMs = config.timeoutMs;
  const deriverModel = languageModelFor('deriver', overrides, config);
  const summaryModel = languageModelFor('summary', overrides, config);
  const dreamModel = languageModelFor('dream', overrides, config);
  const dialecticModel = languageModelFor('dialectic', overrides, config);

  const deriver: FactDeriver = deriverModel
    ? new LlmDeriver({ model: deriverModel, engine: languageModelName(deriverModel), timeoutMs })
    : new LocalFactExtractor();
  const summariser: Summariser = summaryModel
    ? new LlmSummariser({ model: summaryModel, engine: languageModelName(summaryModel), timeoutMs })
    : new ExtractiveSummariser();
  const dreamer: Dreamer = dreamModel
    ? new LlmDreamer({ model: dreamModel, engine: languageModelName(dreamModel), timeoutMs })
    : new LocalDreamer();
  const embedder = embedderFor(overrides, config);

  const description: EngineDescription = {
    deriver: deriver.engine,
    summary: summariser.engine,
    dream: dreamer.engine,
    dialectic: dialecticModel ? languageModelName(dialecticModel) : LOCAL_DIALECTIC_ENGINE,
    embedder: embedder.engine,
    embeddingDimensions: embedder.dimensions,
  };
  return { deriver, summariser, dreamer, embedder, dialecticModel, describe: () => ({ ...description }) };
}

// Kept on globalThis so Next's dev reloads and the worker share one set per process (engines hold HTTP clients).
const STATE = Symbol.for('rapport.modelEngines');
type EngineState = { cached: ModelEngines | null; testing: ModelEngines | null };
const state: EngineState = ((globalThis as Record<symbol, unknown>)[STATE] as EngineState | undefined) ?? { cached: null, testing: null };
(globalThis as Record<symbol, unknown>)[STATE] = state;

/** The process-wide engines, built from configuration on first use (a bad configuration throws ModelConfigError). */
export function getModelEngines(): ModelEngines {
  if (state.testing) return state.testing;
  state.cached ??= createModelEngines();
  return state.cached;
}

/** Makes getModelEngines() return `engines` until reset with null (which also drops the cached configured set). */
export function setModelEnginesForTesting(engines: ModelEngines | null): void {
  state.testing = engines;
  if (engines === null) state.cached = null;
}
