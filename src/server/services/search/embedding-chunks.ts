// Splits a message into the pieces its embeddings cover (docs/api.md#s3-8: long messages are chunked to the
// embedding input limit; a message ranks by its best chunk). Chunks break at paragraph, line, sentence or word
// boundaries (messages/chunk-text.ts) and keep their character range, so a hit can point into the message.
import { chunkText } from '../messages/chunk-text';
import { countTokens } from '../messages/count-tokens';

export type EmbeddingChunk = { text: string; start: number; end: number };

export function embeddingChunks(text: string, maxTokens: number): EmbeddingChunk[] {
  if (text.trim() === '') return [];
  const limit = Math.max(1, Math.floor(maxTokens));
  const out: EmbeddingChunk[] = [];
  const split = (piece: string, offset: number) => {
    const tokens = countTokens(piece);
    if (tokens <= limit || piece.length <= 1) {
      if (piece.trim() !== '') out.push({ text: piece, start: offset, end: offset + piece.length });
      return;
    }
    // Aim a little under the limit from the text's own characters-per-token ratio, then verify each piece.
    const maxChars = Math.max(1, Math.min(piece.length - 1, Math.floor((piece.length * limit * 0.9) / tokens)));
    let at = offset;
    for (const part of chunkText(piece, maxChars)) {
      split(part, at);
      at += part.length;
    }
  };
  split(text, 0);
  return out;
}
