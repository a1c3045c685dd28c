// Token counts of message content (docs/api.md#s1-10): o200k_base, computed once when the message is written. The
// counting itself lives in o200k-count.mjs (plain JavaScript, so the token-count threads can load it too); this
// module is what the rest of the server imports.
import { countTokens as countTokensOf, LONG_RUN as LONG_RUN_CHARS, segmentCounts } from './o200k-count.mjs';

/** Longest run of whitespace or of non-whitespace characters that is encoded as one piece. */
export const LONG_RUN: number = LONG_RUN_CHARS;

/** The token count of `text`, in time linear in its length. */
export function countTokens(text: string): number {
  return countTokensOf(text);
}

/**
 * The token counts of several texts without holding the event loop for long: counting yields to other callbacks
 * (e.g. a concurrent /health request) whenever it has run for `sliceMs` since the last yield. A batch of 100
 * messages of 25,000 CJK characters costs seconds of CPU; without yielding, every request of the process waits.
 */
export async function countTokensYielding(texts: readonly string[], sliceMs = 10): Promise<number[]> {
  const counts: number[] = [];
  let since = performance.now();
  for (const text of texts) {
    let total = 0;
    for (const count of segmentCounts(text)) {
      total += count;
      if (performance.now() - since >= sliceMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        since = performance.now();
      }
    }
    counts.push(total);
  }
  return counts;
}
