// Splits long text into message-sized chunks (docs/api.md#s3-6): at most `maxChars` each, breaking preferably after
// a blank line, then after a line break, then after a sentence end (". "), then after a space, else mid-word.
// Chunks are lossless: joined back together they give the original text.

const SEPARATORS = ['\n\n', '\n', '. ', ' '] as const;

/**
 * A break is preferred only if it keeps at least half the window, so one early paragraph break does not produce a
 * tiny chunk when a line or sentence break further on would fill the chunk properly.
 */
const MIN_FILL = 0.5;

export function chunkText(text: string, maxChars: number): string[] {
  if (maxChars < 1) throw new RangeError('maxChars must be positive');
  if (text.length <= maxChars) return [text];
  const chunks: string[] = [];
  let start = 0;
  while (text.length - start > maxChars) {
    const end = breakPoint(text, start, maxChars);
    chunks.push(text.slice(start, end));
    start = end;
  }
  chunks.push(text.slice(start));
  return chunks;
}

/** End (exclusive) of the chunk starting at `start`: just after the best separator inside the window. */
function breakPoint(text: string, start: number, maxChars: number): number {
  const windowEnd = start + maxChars;
  // First look for a break that fills the chunk reasonably, then settle for any break before cutting mid-word.
  for (const minEnd of [start + Math.max(1, Math.floor(maxChars * MIN_FILL)), start + 1]) {
    for (const separator of SEPARATORS) {
      // The separator must end inside the window; it stays with the chunk it ends.
      const at = text.lastIndexOf(separator, windowEnd - separator.length);
      if (at >= start && at + separator.length >= minEnd) return at + separator.length;
    }
  }
  // No separator: cut mid-word, but never between the two halves of a surrogate pair (an emoji, say).
  const code = text.charCodeAt(windowEnd - 1);
  return code >= 0xd800 && code <= 0xdbff && windowEnd - 1 > start ? windowEnd - 1 : windowEnd;
}
