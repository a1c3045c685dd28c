import 'server-only';
// Embeddings from a provider (OpenAI or an OpenAI-compatible server) in batches. The vector size is fixed per
// deployment (EMBEDDING_DIMENSIONS), so it is requested from the provider and every answer is checked against it:
// a model that ignores the request must fail loudly, not fill the index with vectors of another size.
import { embedMany, type EmbeddingModel } from 'ai';
import type { Embedder } from '../engine-types';
import { recordEmbeddingCall } from '@/server/observability/observed-model';
import { ModelCallError, toModelCallError } from '../model-errors';

// OpenAI's embedding models take 8,191 tokens; other servers often far fewer, and callers chunk to this size.
const OPENAI_MAX_INPUT_TOKENS = 8_000;
const DEFAULT_MAX_INPUT_TOKENS = 512;
// Requests stay well under provider batch limits (OpenAI: 2,048 inputs).
const MAX_BATCH = 256;

export class ProviderEmbedder implements Embedder {
  readonly engine: string;
  readonly dimensions: number;
  readonly maxInputTokens: number;
  private readonly model: EmbeddingModel;
  private readonly timeoutMs: number;
  /** The provider's model id, as prices are keyed (`engine` carries the provider too). */
  private readonly modelId: string;

  constructor(options: { model: EmbeddingModel; engine: string; dimensions: number; timeoutMs: number; maxInputTokens?: number }) {
    this.model = options.model;
    this.modelId = typeof options.model === 'string' ? options.model : options.model.modelId;
    this.engine = options.engine;
    this.dimensions = options.dimensions;
    this.timeoutMs = options.timeoutMs;
    this.maxInputTokens =
      options.maxInputTokens ?? (options.engine.startsWith('openai:text-embedding') ? OPENAI_MAX_INPUT_TOKENS : DEFAULT_MAX_INPUT_TOKENS);
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += MAX_BATCH) {
      vectors.push(...(await this.embedBatch(texts.slice(start, start + MAX_BATCH), signal)));
    }
    return vectors;
  }

  private async embedBatch(values: string[], signal?: AbortSignal): Promise<number[][]> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let embeddings: number[][];
    try {
      const result = await embedMany({
        model: this.model,
        // Providers reject empty strings; a single space embeds as "nothing" without failing the batch.
        values: values.map((v) => (v.trim() ? v : ' ')),
        dimensions: this.dimensions,
        maxRetries: 0,
        abortSignal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      embeddings = result.embeddings;
      recordEmbeddingCall(this.modelId, result.usage.tokens ?? 0, true);
    } catch (error) {
      recordEmbeddingCall(this.modelId, 0, false);
      throw toModelCallError(this.engine, error);
    }
    if (embeddings.length !== values.length) {
      throw new ModelCallError(this.engine, `returned ${embeddings.length} embeddings for ${values.length} inputs`, { retryable: true });
    }
    const wrong = embeddings.find((e) => e.length !== this.dimensions);
    if (wrong) {
      throw new ModelCallError(
        this.engine,
        `returned ${wrong.length}-dimensional vectors but EMBEDDING_DIMENSIONS is ${this.dimensions}; ` +
          'choose a model that supports this size or change EMBEDDING_DIMENSIONS (which needs npm run reembed)',
        { retryable: false },
      );
    }
    return embeddings.map((e) => Array.from(e));
  }
}
