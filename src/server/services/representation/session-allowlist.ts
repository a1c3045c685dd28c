// The session allowlist of chat and representation `filters` (docs/api.md#s2-6): only `session_id`, valued as a
// string, an array of strings or {"in": [...]}; ids must match the id pattern; at most 1,000; duplicates removed.
// An empty list recalls nothing (fail closed). A top-level `session_id` must be in the list.
import { ID_PATTERN } from '@/contracts/common';
import { SESSION_ALLOWLIST_MAX } from '@/contracts/representation';
import { InvalidInputError } from '../errors';

/** The wire session ids a read is restricted to, or null when unrestricted. */
export function sessionRestriction(filters: unknown, sessionId: string | null | undefined, path = 'body.filters'): string[] | null {
  const allowlist = parseAllowlist(filters, path);
  if (sessionId === null || sessionId === undefined) return allowlist;
  if (allowlist && !allowlist.includes(sessionId)) {
    throw InvalidInputError.at('body.session_id', 'session_id must be one of the sessions in filters.session_id');
  }
  return [sessionId];
}

function parseAllowlist(filters: unknown, path: string): string[] | null {
  if (filters === undefined || filters === null) return null;
  if (typeof filters !== 'object' || Array.isArray(filters)) throw InvalidInputError.at(path, 'Filters must be a JSON object');
  const entries = Object.entries(filters as Record<string, unknown>);
  if (entries.length === 0) return null;
  for (const [key] of entries) {
    if (key !== 'session_id') throw InvalidInputError.at(`${path}.${key}`, 'Only session_id may be filtered on here');
  }
  const value = (filters as Record<string, unknown>).session_id;
  const at = `${path}.session_id`;
  let ids: unknown;
  if (typeof value === 'string') ids = [value];
  else if (Array.isArray(value)) ids = value;
  else if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && 'in' in value) {
    ids = (value as { in: unknown }).in;
  } else throw InvalidInputError.at(at, 'Must be a session id, an array of session ids, or {"in": [...]}');
  if (!Array.isArray(ids)) throw InvalidInputError.at(`${at}.in`, 'Must be an array of session ids');
  ids.forEach((id, i) => {
    if (typeof id !== 'string' || id.length === 0 || id.length > 512 || !ID_PATTERN.test(id)) {
      throw InvalidInputError.at(`${at}[${i}]`, 'Must be a session id (letters, digits, underscores and hyphens)');
    }
  });
  const unique = [...new Set(ids as string[])];
  if (unique.length > SESSION_ALLOWLIST_MAX) throw InvalidInputError.at(at, `At most ${SESSION_ALLOWLIST_MAX} sessions are allowed`);
  return unique;
}
