import 'server-only';
// Provider clients for the configured language and embedding models, and the names engines report for them.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { EmbeddingModel, LanguageModel } from 'ai';
import type { ModelTask } from './engine-types';
import type { EmbeddingConfig, LlmConfig } from './model-config';

/** The configured model for a task, or null when the offline engine handles it. */
export function configuredLanguageModel(config: LlmConfig, task: ModelTask): LanguageModel | null {
  if (config.provider === 'local') return null;
  const modelId = config.models[task];
  switch (config.provider) {
    case 'openai':
      return createOpenAI({ apiKey: config.apiKey, baseURL: config.baseUrl })(modelId);
    case 'anthropic':
      return createAnthropic({ apiKey: config.apiKey, baseURL: config.baseUrl })(modelId);
    case 'openai-compatible':
      // Ollama, vLLM, LM Studio and OpenRouter accept `response_format: json_schema`; servers that reject it are
      // handled by the plain-JSON fallback in structured-call.ts.
      return createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: config.baseUrl!,
        apiKey: config.apiKey,
        supportsStructuredOutputs: true,
      }).chatModel(modelId);
  }
}

export function configuredEmbeddingModel(config: EmbeddingConfig): EmbeddingModel | null {
  switch (config.provider) {
    case 'local':
      return null;
    case 'openai':
      return createOpenAI({ apiKey: config.apiKey, baseURL: config.baseUrl }).embedding(config.model);
    case 'openai-compatible':
      return createOpenAICompatible({ name: 'openai-compatible', baseURL: config.baseUrl, apiKey: config.apiKey }).embeddingModel(
        config.model,
      );
  }
}

// Providers name themselves `openai.responses`, `anthropic.messages`, `openai-compatible.chat`…: the part before the
// dot is what an operator recognises.
function providerPrefix(provider: string): string {
  return provider.split('.')[0] || provider;
}

/** e.g. `openai:gpt-4o-mini`; a gateway model id string is reported as given. */
export function languageModelName(model: LanguageModel): string {
  if (typeof model === 'string') return model;
  return `${providerPrefix(model.provider)}:${model.modelId}`;
}

export function embeddingModelName(model: EmbeddingModel): string {
  if (typeof model === 'string') return model;
  return `${providerPrefix(model.provider)}:${model.modelId}`;
}
