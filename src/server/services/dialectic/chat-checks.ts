import 'server-only';
// Request checks both chats share, all run before any response byte (docs/api.md#s3-11): response_format,
// the session allowlist against `session_id`, and the effective `peer_card.use` switch.
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

/** `peer_card.use`, most specific layer first (session, workspace); default true (docs/api.md#s1-5). */
export function peerCardUse(layers: readonly unknown[]): boolean {
  for (const layer of layers) {
    if (!layer || typeof layer !== 'object' || Array.isArray(layer)) continue;
    const section = (layer as Record<string, unknown>).peer_card;
    if (!section || typeof section !== 'object' || Array.isArray(section)) continue;
    const use = (section as Record<string, unknown>).use;
    if (typeof use === 'boolean') return use;
  }
  return true;
}
