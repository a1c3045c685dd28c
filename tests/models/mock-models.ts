// AI SDK mock models for the model-layer tests: a language model answering fixed texts (recording its calls) and
// helpers to read back what was sent.
import { APICallError } from 'ai';
import { MockEmbeddingModelV4, MockLanguageModelV3 } from 'ai/test';

type CallOptions = MockLanguageModelV3['doGenerateCalls'][number];

function result(text: string) {
  return {
    content: text ? [{ type: 'text' as const, text }] : [],
    finishReason: { unified: 'stop' as const, raw: undefined },
    usage: {
      inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 20, text: 20, reasoning: undefined },
    },
    warnings: [],
  };
}

/** Answers each call with the next text (the last one repeats). */
export function textModel(...texts: string[]): MockLanguageModelV3 {
  let call = 0;
  return new MockLanguageModelV3({
    provider: 'mock.chat',
    modelId: 'mock-model',
    doGenerate: async () => result(texts[Math.min(call++, texts.length - 1)] ?? ''),
  });
}

/** Fails every call with `error`; with `fallbackText`, only structured-output calls fail and plain calls answer it. */
export function failingModel(error: unknown, fallbackText?: string): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    provider: 'mock.chat',
    modelId: 'mock-model',
    doGenerate: async (options) => {
      if (fallbackText !== undefined && options.responseFormat?.type !== 'json') return result(fallbackText);
      throw error;
    },
  });
}

export function apiError(statusCode: number, message: string): APICallError {
  return new APICallError({
    message,
    url: 'https://provider.test/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    responseBody: JSON.stringify({ error: { message } }),
  });
}

/** Everything the model was sent in one call (system and user text), as one string. */
export function sentText(call: CallOptions | undefined): string {
  if (!call) throw new Error('the model was not called');
  return call.prompt
    .map((message) =>
      typeof message.content === 'string'
        ? message.content
        : message.content.map((part) => ('text' in part ? part.text : '')).join(''),
    )
    .join('\n');
}

/** A V4 embedding model (V4 calls carry the requested `dimensions`) answering vectors of `dimensions` entries. */
export function embeddingModel(dimensions: number, provider = 'openai.embedding'): MockEmbeddingModelV4 {
  return new MockEmbeddingModelV4({
    provider,
    modelId: 'text-embedding-3-small',
    maxEmbeddingsPerCall: 100,
    doEmbed: async ({ values }) => ({
      embeddings: values.map((v, i) => Array.from({ length: dimensions }, (_, j) => ((v.length + i + j) % 7) / 7)),
      warnings: [],
    }),
  });
}
