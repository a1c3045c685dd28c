import 'server-only';
// The offline embedder: signed feature hashing of canonical words, word bigrams and character n-grams into a fixed
// number of dimensions, L2-normalised so cosine distance works as with any provider. Paraphrases share canonical
// words (synonyms, stems) and character n-grams ("nurse"/"nursing"), so they land closer than unrelated text.
import type { Embedder } from '../engine-types';
import { canonical, STOP_WORDS, words } from './text-normalise';

export const LOCAL_EMBEDDER_ENGINE = 'local:hashed-ngrams';

const WORD_WEIGHT = 1;
const BIGRAM_WEIGHT = 0.6;
// Character n-grams of all n-grams of one word share this weight so long words do not dominate.
const CHAR_WEIGHT_PER_WORD = 0.8;
const STOP_WORD_WEIGHT = 0.15;

// FNV-1a, 32 bits: fast, well spread, and identical across runs and platforms.
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function addFeature(vector: Float64Array, feature: string, weight: number): void {
  const h = fnv1a(feature);
  // The sign comes from an independent hash so collisions cancel out on average instead of piling up.
  const sign = fnv1a(feature, 0x9747b28c) & 1 ? 1 : -1;
  const index = h % vector.length;
  vector[index] = (vector[index] ?? 0) + sign * weight;
}

function charNgrams(word: string): string[] {
  const padded = `<${word}>`;
  const grams: string[] = [];
  for (const n of [3, 4]) {
    for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
  }
  return grams;
}

export function embedText(text: string, dimensions: number): number[] {
  const vector = new Float64Array(dimensions);
  const tokens = words(text);
  const content: string[] = [];
  for (const token of tokens) {
    if (STOP_WORDS.has(token)) {
      addFeature(vector, `w:${token}`, STOP_WORD_WEIGHT);
      continue;
    }
    const term = canonical(token);
    content.push(term);
    addFeature(vector, `w:${term}`, WORD_WEIGHT);
    const grams = charNgrams(token);
    for (const gram of grams) addFeature(vector, `c:${gram}`, CHAR_WEIGHT_PER_WORD / Math.sqrt(grams.length));
  }
  for (let i = 0; i + 1 < content.length; i++) addFeature(vector, `b:${content[i]} ${content[i + 1]}`, BIGRAM_WEIGHT);

  let norm = 0;
  for (const value of vector) norm += value * value;
  // An empty or punctuation-only text still needs a unit vector: a zero vector has no cosine distance.
  if (norm === 0) {
    addFeature(vector, 'empty', 1);
    norm = 1;
  }
  const scale = 1 / Math.sqrt(norm);
  return Array.from(vector, (value) => value * scale);
}

export class LocalEmbedder implements Embedder {
  readonly engine = LOCAL_EMBEDDER_ENGINE;
  readonly maxInputTokens = 512;

  constructor(readonly dimensions: number) {
    if (!Number.isInteger(dimensions) || dimensions < 2) throw new Error(`Embedding dimension must be an integer ≥ 2, got ${dimensions}`);
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]> {
    signal?.throwIfAborted();
    return texts.map((text) => embedText(text, this.dimensions));
  }
}
