import 'server-only';
// The read-side `scope` option of chat, representation, session context and workspace search. One scope id reads
// through the scope: it is the observer, so recall sees its own conclusions and card. A list of scope ids becomes a
// session allowlist: the union of their live member sessions (at most SCOPE_ALLOWLIST_MAX). Scopes are a
// workspace-level concept, so peer and session credentials are refused (401); combining a scope with a session
// restriction is a contradiction (422). Unknown scopes are 404.
import { SCOPE_ALLOWLIST_MAX } from '@/contracts/scopes';
import type { Peer } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import type { Credential } from '../auth/credential';
import { assertWorkspaceLevel } from '../auth/handler-checks';
import { InvalidInputError } from '../errors';
import { requireScope } from './scope-peers';

export type ScopeOption = string | readonly string[] | null | undefined;

export type ScopeRead = { kind: 'observer'; scope: Peer } | { kind: 'sessions'; sessionIds: string[] };

/** Checks who may use `scope` and what it may not be combined with; returns whether a scope was given. */
export function checkScopeOption(
  credential: Credential,
  scope: ScopeOption,
  conflicts: Readonly<Record<string, boolean>>,
  path: string,
): scope is string | readonly string[] {
  if (scope === undefined || scope === null) return false;
  assertWorkspaceLevel(credential);
  const clashing = Object.entries(conflicts).filter(([, present]) => present).map(([name]) => name);
  if (clashing.length > 0) throw InvalidInputError.at(path, `scope cannot be combined with ${clashing.join(' or ')}`);
  return true;
}

/** Internal ids of the live sessions that are members of any of the scopes. */
export async function scopeMemberSessionIds(db: DbClient, scopes: readonly Peer[]): Promise<string[]> {
  if (scopes.length === 0) return [];
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT s.id FROM sessions s JOIN session_peers sp ON sp.session_id = s.id AND sp.left_at IS NULL
    WHERE sp.peer_id = ANY(${scopes.map((scope) => scope.id)}::text[]) AND s.deleted_at IS NULL`;
  return rows.map((row) => row.id);
}

export async function resolveScopeRead(db: DbClient, workspaceId: string, scope: string | readonly string[], path: string): Promise<ScopeRead> {
  if (typeof scope === 'string') return { kind: 'observer', scope: await requireScope(db, workspaceId, scope) };
  const scopes: Peer[] = [];
  for (const id of new Set(scope)) scopes.push(await requireScope(db, workspaceId, id));
  const sessionIds = await scopeMemberSessionIds(db, scopes);
  if (sessionIds.length > SCOPE_ALLOWLIST_MAX) {
    throw InvalidInputError.at(path, `These scopes hold ${sessionIds.length} sessions; at most ${SCOPE_ALLOWLIST_MAX} can be read at once`);
  }
  return { kind: 'sessions', sessionIds };
}
