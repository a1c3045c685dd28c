// Token counting of message content (o200k_base), as plain JavaScript: the server's modules use it through
// count-tokens.ts, and the token-count threads (count-tokens-pool.ts) load this very file as their worker, by path
// and without a bundler, as the upload decoder does with its own file.
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
const PLAIN_TEXT = { disallowedSpecial: new Set() };

/** Longest run of whitespace or of non-whitespace characters that is encoded as one piece. */
export const LONG_RUN = 128;

// A pre-token longer than 2·LONG_RUN + 1 characters needs a run of at least LONG_RUN characters of one kind.
const LONG_RUNS = new RegExp(String.raw`\S{${LONG_RUN},}|\s{${LONG_RUN},}`, 'gu');

/**
 * The counts of consecutive pieces of `text`, each encoded separately.
 * @param {string} text
 * @returns {Generator<number, void, undefined>}
 */
export function* segmentCounts(text) {
  if (text.length === 0) return;
  // A text shorter than one long run cannot contain one: the common chat message skips the scan.
  if (text.length < LONG_RUN) {
    yield countO200k(text, PLAIN_TEXT);
    return;
  }
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

/**
 * The token count of `text`, in time linear in its length.
 * @param {string} text
 * @returns {number}
 */
export function countTokens(text) {
  let total = 0;
  for (const count of segmentCounts(text)) total += count;
  return total;
}

/**
 * The worker entry point: the counts of several texts.
 * @param {{ texts: string[] }} task
 * @returns {number[]}
 */
export function countAll({ texts }) {
  return texts.map(countTokens);
}

/** @param {number} code */
function isHighSurrogate(code) {
  return code >= 0xd800 && code <= 0xdbff;
}
