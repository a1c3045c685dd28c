import 'server-only';
// The query text of every search (api-contract §3.8, Δ5): NUL characters are stripped and a query beyond 8,192 o200k
// tokens is refused (422) before any model call. The count stops at the limit, so a 16 MiB body costs no more than
// tokenising the first 8,193 tokens.
import { isWithinTokenLimit } from 'gpt-tokenizer/encoding/o200k_base';
import { InvalidInputError } from '../errors';

export const MAX_QUERY_TOKENS = 8_192;

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** The cleaned query; throws InvalidInputError at `path` when it is too long. */
export function normaliseSearchQuery(raw: string, path = 'body.query'): string {
  const query = raw.replace(/\u0000/g, '');
  if (query.length > MAX_QUERY_TOKENS && isWithinTokenLimit(query, MAX_QUERY_TOKENS, PLAIN_TEXT) === false) {
    throw InvalidInputError.at(path, `Query is longer than ${MAX_QUERY_TOKENS} tokens`);
  }
  return query;
}

/**
 * Whether the query asks for a literal string (an e-mail address, a version, a path, `C++`): punctuation inside the
 * text, ignoring the sentence punctuation that closes an ordinary question.
 */
export function wantsSubstring(query: string): boolean {
  const core = query.trim().replace(/[.?!,;:]+$/u, '').replace(/^['"“‘(]+|['"”’)]+$/gu, '');
  return core.length >= 2 && /[^\p{L}\p{N}\s]/u.test(core);
}

/** The trimmed literal used by the substring leg. */
export function substringNeedle(query: string): string {
  return query.trim().replace(/[.?!,;:]+$/u, '');
}
