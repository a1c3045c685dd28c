import 'server-only';
// Which engines Rapport uses, read from the environment (documented in README's configuration table). No provider
// configured means the offline local engines: a fresh install works without any key. Nothing here infers a provider
// from a stray OPENAI_API_KEY: the keys of other tools on the same machine must not silently start paid calls.
import { z } from 'zod';
import { readDatabaseConfig } from '@/server/config/database-config';
import { parseEnv, type EnvSource } from '@/server/config/parse-env';
import type { ModelTask } from './engine-types';

export const LLM_PROVIDERS = ['local', 'openai', 'anthropic', 'openai-compatible'] as const;
export const EMBEDDING_PROVIDERS = ['local', 'openai', 'openai-compatible'] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];
export type EmbeddingProvider = (typeof EMBEDDING_PROVIDERS)[number];

const optionalText = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().optional());
const optionalUrl = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.url().optional());

const schema = z.object({
  LLM_PROVIDER: z.preprocess((v) => (v === '' || v === 'none' ? undefined : v), z.enum(LLM_PROVIDERS).default('local')),
  LLM_BASE_URL: optionalUrl,
  LLM_API_KEY: optionalText,
  OPENAI_API_KEY: optionalText,
  ANTHROPIC_API_KEY: optionalText,
  LLM_MODEL: optionalText,
  DERIVER_MODEL: optionalText,
  SUMMARY_MODEL: optionalText,
  DREAM_MODEL: optionalText,
  DIALECTIC_MODEL: optionalText,
  EMBEDDING_PROVIDER: z.preprocess((v) => (v === '' ? undefined : v), z.enum(EMBEDDING_PROVIDERS).default('local')),
  EMBEDDING_MODEL: optionalText,
  EMBEDDING_BASE_URL: optionalUrl,
  EMBEDDING_API_KEY: optionalText,
  MODEL_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(60_000),
});

export type LlmConfig =
  | { provider: 'local' }
  | { provider: 'openai' | 'anthropic' | 'openai-compatible'; apiKey: string | undefined; baseUrl: string | undefined; models: Record<ModelTask, string> };

export type EmbeddingConfig =
  | { provider: 'local'; dimensions: number }
  | { provider: 'openai'; model: string; apiKey: string | undefined; baseUrl: string | undefined; dimensions: number }
  | { provider: 'openai-compatible'; model: string; apiKey: string | undefined; baseUrl: string; dimensions: number };

export type ModelConfig = { llm: LlmConfig; embedding: EmbeddingConfig; timeoutMs: number };

/** A model setting that cannot work; start-up stops with this message. */
export class ModelConfigError extends Error {
  override readonly name = 'ModelConfigError';
  constructor(message: string) {
    super(`Invalid configuration: ${message}`);
  }
}

const DEFAULT_MODELS: Record<'openai' | 'anthropic', string> = { openai: 'gpt-4o-mini', anthropic: 'claude-haiku-4-5' };
const DEFAULT_EMBEDDING_MODEL = 'text-embedding-3-small';
// Models whose vector size is fixed: asking them for another size is refused by the provider, so refuse it first.
const FIXED_DIMENSIONS: Record<string, number> = { 'text-embedding-ada-002': 1536 };
const MAX_DIMENSIONS: Record<string, number> = { 'text-embedding-3-small': 1536, 'text-embedding-3-large': 3072 };

type Env = z.output<typeof schema>;

function resolveLlm(e: Env): LlmConfig {
  const provider = e.LLM_PROVIDER;
  if (provider === 'local') return { provider };
  const apiKey =
    e.LLM_API_KEY ?? (provider === 'openai' ? e.OPENAI_API_KEY : provider === 'anthropic' ? e.ANTHROPIC_API_KEY : undefined);
  if (!apiKey && provider !== 'openai-compatible') {
    const fallback = provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY';
    throw new ModelConfigError(`LLM_PROVIDER=${provider} needs an API key: set LLM_API_KEY or ${fallback}`);
  }
  if (provider === 'openai-compatible' && !e.LLM_BASE_URL) {
    throw new ModelConfigError('LLM_PROVIDER=openai-compatible needs LLM_BASE_URL (e.g. http://localhost:11434/v1 for Ollama)');
  }
  const fallbackModel = e.LLM_MODEL ?? (provider === 'openai-compatible' ? undefined : DEFAULT_MODELS[provider]);
  const pick = (task: ModelTask, specific: string | undefined): string => {
    const model = specific ?? fallbackModel;
    if (!model) throw new ModelConfigError(`LLM_PROVIDER=openai-compatible needs LLM_MODEL (or a per-task model for ${task})`);
    return model;
  };
  return {
    provider,
    apiKey,
    baseUrl: e.LLM_BASE_URL,
    models: {
      deriver: pick('deriver', e.DERIVER_MODEL),
      summary: pick('summary', e.SUMMARY_MODEL),
      dream: pick('dream', e.DREAM_MODEL),
      dialectic: pick('dialectic', e.DIALECTIC_MODEL),
    },
  };
}

function resolveEmbedding(e: Env, dimensions: number): EmbeddingConfig {
  const provider = e.EMBEDDING_PROVIDER;
  if (provider === 'local') return { provider, dimensions };
  if (provider === 'openai') {
    const apiKey = e.EMBEDDING_API_KEY ?? (e.LLM_PROVIDER === 'openai' ? e.LLM_API_KEY : undefined) ?? e.OPENAI_API_KEY;
    if (!apiKey) throw new ModelConfigError('EMBEDDING_PROVIDER=openai needs an API key: set EMBEDDING_API_KEY or OPENAI_API_KEY');
    const model = e.EMBEDDING_MODEL ?? DEFAULT_EMBEDDING_MODEL;
    checkDimensions(model, dimensions);
    return { provider, model, apiKey, baseUrl: e.EMBEDDING_BASE_URL, dimensions };
  }
  const baseUrl = e.EMBEDDING_BASE_URL ?? (e.LLM_PROVIDER === 'openai-compatible' ? e.LLM_BASE_URL : undefined);
  if (!baseUrl) throw new ModelConfigError('EMBEDDING_PROVIDER=openai-compatible needs EMBEDDING_BASE_URL (or LLM_BASE_URL)');
  if (!e.EMBEDDING_MODEL) throw new ModelConfigError('EMBEDDING_PROVIDER=openai-compatible needs EMBEDDING_MODEL');
  checkDimensions(e.EMBEDDING_MODEL, dimensions);
  const apiKey = e.EMBEDDING_API_KEY ?? (e.LLM_PROVIDER === 'openai-compatible' ? e.LLM_API_KEY : undefined);
  return { provider, model: e.EMBEDDING_MODEL, apiKey, baseUrl, dimensions };
}

function checkDimensions(model: string, dimensions: number): void {
  const fixed = FIXED_DIMENSIONS[model];
  if (fixed !== undefined && fixed !== dimensions) {
    throw new ModelConfigError(`EMBEDDING_MODEL=${model} always returns ${fixed} dimensions but EMBEDDING_DIMENSIONS=${dimensions}`);
  }
  const max = MAX_DIMENSIONS[model];
  if (max !== undefined && dimensions > max) {
    throw new ModelConfigError(`EMBEDDING_MODEL=${model} returns at most ${max} dimensions but EMBEDDING_DIMENSIONS=${dimensions}`);
  }
}

export function readModelConfig(env: EnvSource = process.env): ModelConfig {
  const e = parseEnv(schema, env);
  const dimensions = readDatabaseConfig(env).embeddingDimensions;
  return { llm: resolveLlm(e), embedding: resolveEmbedding(e, dimensions), timeoutMs: e.MODEL_TIMEOUT_MS };
}
