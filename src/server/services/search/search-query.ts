import 'server-only';
// The query text of every search (docs/api.md#s3-8, docs/honcho-differences.md#hybrid-retrieval): NUL characters are stripped and a query beyond 8,192 o200k
// tokens is refused (422) before any model call. Characters are checked first (docs/limits.md): a query of at most
// 8,192 characters cannot exceed the limit and is never tokenised, and one beyond MAX_QUERY_CHARS is refused without
// tokenising, so the tokenizer only ever sees bounded input — a 16 MiB query costs a length check.
import { InvalidInputError } from '../errors';
import { countTokens } from '../messages/count-tokens';

export const MAX_QUERY_TOKENS = 8_192;
/** Eight characters per token: natural text runs 3–5 per o200k token, so no query within the token limit is this long. */
export const MAX_QUERY_CHARS = MAX_QUERY_TOKENS * 8;

/** The cleaned query; throws InvalidInputError at `path` when it is too long. */
export function normaliseSearchQuery(raw: string, path = 'body.query'): string {
  const query = raw.replace(/\u0000/g, '');
  if (query.length <= MAX_QUERY_TOKENS) return query;
  if (query.length > MAX_QUERY_CHARS) {
    throw InvalidInputError.at(path, `Query is longer than ${MAX_QUERY_CHARS} characters (${MAX_QUERY_TOKENS} tokens)`);
  }
  if (countTokens(query) > MAX_QUERY_TOKENS) {
    throw InvalidInputError.at(path, `Query is longer than ${MAX_QUERY_TOKENS} tokens`);
  }
  return query;
}

const SENTENCE_END = /[.?!,;:]+$/u;
const WRAPPERS = /^['"“‘(]+|['"”’)]+$/gu;
/**
 * An apostrophe, hyphen, slash or comma inside a word ("Kai's", "dairy-free", "and/or", "1,2023") is spelling or a
 * typo, not a request for a literal.
 */
const IN_WORD_JOINER = /(?<=[\p{L}\p{N}])['’\-/,](?=[\p{L}\p{N}])/gu;
const QUOTED = /["“”]([^"“”]{3,})["“”]/gu;

/**
 * The literal the substring pass looks for, or null when the query asks for none: a quoted phrase; else, for a query
 * holding a token with punctuation inside (an e-mail address, a version, a path), that token — or the whole
 * query when it is that short (≤ 3 words). A whole question is never a useful literal: nothing contains it, and its
 * dozens of trigrams make the index scan expensive. A needle without three letters or digits in a row (`U.S.`, `C++`)
 * is left to BM25.
 */
export function literalNeedle(query: string): string | null {
  const needle = pickNeedle(query);
  // Without a run of three letters or digits there is no selective trigram: the index would return most rows.
  return needle !== null && /[\p{L}\p{N}]{3}/u.test(needle) ? needle : null;
}

function pickNeedle(query: string): string | null {
  const quoted = [...query.matchAll(QUOTED)].map((m) => m[1]!.trim()).filter((q) => q.length >= 3);
  if (quoted.length > 0) return quoted.reduce((a, b) => (b.length > a.length ? b : a));
  const tokens = query.trim().split(/\s+/u).map((t) => t.replace(SENTENCE_END, '').replace(WRAPPERS, '').replace(SENTENCE_END, ''));
  const literal = tokens.filter((t) => t.length >= 2 && /[^\p{L}\p{N}]/u.test(t.replace(IN_WORD_JOINER, '')));
  if (literal.length === 0) return null;
  if (tokens.length <= 3) return query.trim().replace(SENTENCE_END, '').replace(WRAPPERS, '');
  return literal.reduce((a, b) => (b.length > a.length ? b : a));
}
