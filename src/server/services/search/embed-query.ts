import 'server-only';
// The query vector of the semantic leg. Search must keep working when the embedder cannot answer (provider down or
// slow, dimension changed without a re-embed): any failure yields null and the caller ranks with its other legs
// (docs/api.md#s3-8). The embedding gets a short deadline of its own (SEARCH_EMBED_TIMEOUT_MS, default 1.5 s) rather than the
// model's 60 s, and the request's signal, so a slow provider can't stall every search nor outlive a gone client.
import { decode, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { readSearchConfig } from '@/server/config/search-config';
import { getModelEngines, type Embedder } from '@/server/models';
import { logger } from '@/server/observability/logger';

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export type EmbedQueryOptions = { signal?: AbortSignal; timeoutMs?: number };

export function embedTimeoutMs(): number {
  return readSearchConfig().embedTimeoutMs;
}

export async function embedQuery(
  query: string,
  embedder: Embedder = getModelEngines().embedder,
  options: EmbedQueryOptions = {},
): Promise<number[] | null> {
  if (query.trim() === '' || options.signal?.aborted) return null;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('query embedding timed out')), options.timeoutMs ?? embedTimeoutMs());
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  const abandoned = whenAborted(signal);
  try {
    // A query longer than the embedder's input is represented by its beginning.
    const tokens = query.length > embedder.maxInputTokens ? encode(query, PLAIN_TEXT) : null;
    const text = tokens && tokens.length > embedder.maxInputTokens ? decode(tokens.slice(0, embedder.maxInputTokens)) : query;
    // An embedder that ignores the signal still loses the race: the search never waits past the deadline.
    const [vector] = await Promise.race([embedder.embed([text], signal), abandoned.promise]);
    return vector && vector.length > 0 && vector.every(Number.isFinite) && vector.some((v) => v !== 0) ? vector : null;
  } catch (error) {
    const reason = signal.aborted && signal.reason instanceof Error ? signal.reason.message : error instanceof Error ? error.message : String(error);
    logger().warn({ reason }, 'query embedding failed, searching without it');
    return null;
  } finally {
    clearTimeout(timer);
    abandoned.release();
  }
}

/**
 * A promise that rejects when `signal` aborts, and a release that detaches it again. The release is not optional:
 * Node keeps a combined signal (AbortSignal.any) that has an abort listener alive until it aborts, and with it the
 * listener's promise and that promise's async context, which in a route handler is the whole request and its
 * response. A search that ended normally never aborts its signal, so without the release every search leaked its
 * request (docs/scaling.md).
 */
function whenAborted(signal: AbortSignal): { promise: Promise<never>; release(): void } {
  let onAbort = () => {};
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  // Nobody awaits it once the embedding has won the race.
  promise.catch(() => {});
  return { promise, release: () => signal.removeEventListener('abort', onAbort) };
}
