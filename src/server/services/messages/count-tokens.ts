// Token counts of message content (api-contract §1.10): o200k_base, computed once when the message is written.
//
// Byte-pair encoding is quadratic in the length of one pre-token (the tokenizer's regex piece: a word, a run of
// spaces or punctuation). Ordinary text has short pre-tokens, but a run without breaks — CJK text has no spaces, or
// 25,000 repeated "!" — is one pre-token, and 25,000 such characters took about 6 s. So any run of whitespace or
// non-whitespace longer than LONG_RUN characters is counted in LONG_RUN-character slices: the count stays exact for
// text without such runs and is off by at most about one token per slice boundary otherwise, and the time is linear
// in the length of the text (docs/ingest.md).
import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';

// Text that happens to spell a special token (e.g. "<|endoftext|>") is user content, not a control token: count it
// as plain text instead of letting the tokenizer throw.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Longest run of whitespace or of non-whitespace characters that is encoded as one piece. */
export const LONG_RUN = 128;

// A pre-token longer than 2·LONG_RUN + 1 characters needs a run of at least LONG_RUN characters of one kind.
const LONG_RUNS = new RegExp(String.raw`\S{${LONG_RUN},}|\s{${LONG_RUN},}`, 'gu');

/** The token count of `text`, in time linear in its length. */
export function countTokens(text: string): number {
  let total = 0;
  for (const count of segmentCounts(text)) total += count;
  return total;
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

/** The counts of consecutive pieces of `text`, each encoded separately. */
function* segmentCounts(text: string): Generator<number> {
  if (text.length === 0) return;
  let from = 0;
  for (const match of text.matchAll(LONG_RUNS)) {
    if (match.index > from) yield countO200k(text.slice(from, match.index), PLAIN_TEXT);
    const run = match[0];
    for (let start = 0; start < run.length; ) {
      let end = Math.min(start + LONG_RUN, run.length);
      // Never cut a surrogate pair: half a character would count as replacement bytes.
      if (end < run.length && isHighSurrogate(run.charCodeAt(end - 1))) end -= 1;
      yield countO200k(run.slice(start, end), PLAIN_TEXT);
      start = end;
    }
    from = match.index + run.length;
  }
  if (from === 0) yield countO200k(text, PLAIN_TEXT);
  else if (from < text.length) yield countO200k(text.slice(from), PLAIN_TEXT);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
