import 'server-only';
// The query vector of the semantic leg. Search must keep working when the embedder cannot answer (provider down,
// dimension changed without a re-embed): any failure yields null and the caller ranks lexically alone (§3.8).
import { decode, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { getModelEngines, type Embedder } from '@/server/models';

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export async function embedQuery(query: string, embedder: Embedder = getModelEngines().embedder): Promise<number[] | null> {
  if (query.trim() === '') return null;
  try {
    // A query longer than the embedder's input is represented by its beginning.
    const tokens = query.length > embedder.maxInputTokens ? encode(query, PLAIN_TEXT) : null;
    const text = tokens && tokens.length > embedder.maxInputTokens ? decode(tokens.slice(0, embedder.maxInputTokens)) : query;
    const [vector] = await embedder.embed([text]);
    return vector && vector.length > 0 && vector.every(Number.isFinite) && vector.some((v) => v !== 0) ? vector : null;
  } catch (error) {
    console.warn(`[rapport] query embedding failed, searching lexically: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
