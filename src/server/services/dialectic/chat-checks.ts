import 'server-only';
// Request checks both chats share, all run before any response byte (docs/api.md#s3-11): response_format,
// the session allowlist against `session_id` (the effective `peer_card.use` switch is cards/read-card's cardUseEnabled).
import { InvalidInputError } from '../errors';
import { checkResponseFormat, type ResponseFormat } from './response-format-subset';

export function responseFormatOf(value: unknown): ResponseFormat | null {
  return value === undefined || value === null ? null : checkResponseFormat(value);
}

/** A top-level `session_id` must be inside the allowlist when both are given (docs/api.md#s2-6). */
export function assertSessionInAllowlist(sessionName: string | null | undefined, allowlist: readonly string[] | null): void {
  if (!sessionName || !allowlist || allowlist.includes(sessionName)) return;
  throw InvalidInputError.at('body.session_id', 'Must be one of the sessions listed in filters.session_id');
}
