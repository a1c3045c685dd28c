import 'server-only';
// The nesting depth of a JSON text, measured before it is parsed (docs/limits.md). JSON.parse itself copes with any
// depth, but every later step that walks the value (schema checks, NUL stripping, the filter compiler, serialising
// the answer) recurses, so a 100,000-deep array would overflow the stack there and answer 500. One linear pass over
// the text, no recursion: brackets count unless they sit inside a string.

/** Far beyond any legal body: metadata nests ≤ 5 levels and filters ≤ 5 combinators (docs/api.md#s1-5, #s2-1). */
export const MAX_JSON_NESTING = 64;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/** True when the text nests objects and arrays deeper than `max` (malformed text is left to JSON.parse). */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i += 1;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth -= 1;
  }
  return false;
}
