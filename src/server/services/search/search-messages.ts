import 'server-only';
// POST …/search, …/sessions/{sess}/search, …/peers/{peer}/search (docs/api.md#s3-8): resolve the wire ids, apply the
// route's forced keys and the filter, rank with searchMessageRows, answer a bare array of Message. An unknown
// workspace, session or peer simply has no messages (filters are still validated first).
import type { WireMessage } from '@/contracts/messages';
import { getDb, type Db } from '@/server/db/client';
import type { Credential } from '../auth/credential';
import { assertWorkspaceLevel } from '../auth/handler-checks';
import { checkScopeOption, scopeMemberSessionIds } from '../scopes/read-through-scope';
import { requireScope } from '../scopes/scope-peers';
import { findPeer } from '../peers/ensure-peer';
import { findSession } from '../sessions/ensure-session';
import { messageToWire } from '../wire-format';
import { findWorkspace } from '../workspaces/ensure-workspace';
import { compileMessageSearchFilter, perspectiveCondition } from './message-search-filter';
import { searchMessageRows } from './search-message-rows';
import { normaliseSearchQuery } from './search-query';
import { Prisma } from '@/generated/prisma/client';

export type SearchTarget = { workspace: string; session?: string; peer?: string };
export type SearchBody = { query: string; filters?: unknown; limit?: number | null; scope?: string | null };

export async function searchMessages(
  credential: Credential,
  target: SearchTarget,
  body: SearchBody,
  db: Db = getDb(),
  options: { signal?: AbortSignal } = {},
): Promise<WireMessage[]> {
  const filters = body.filters && typeof body.filters === 'object' ? (body.filters as Record<string, unknown>) : {};
  const scoped = checkScopeOption(credential, body.scope, { 'a session_id filter': filters.session_id !== undefined }, 'body.scope');
  const query = normaliseSearchQuery(body.query);
  const filter = compileMessageSearchFilter(body.filters, target);
  // docs/api.md#s4-4: seeing through another peer's eyes is for workspace-level credentials only.
  if (filter.peerPerspective !== null) assertWorkspaceLevel(credential);

  const workspace = await findWorkspace(db, target.workspace);
  if (!workspace) return [];
  const conditions = [filter.sql];
  let sessionIds: string[] | null = null;
  if (scoped) {
    sessionIds = await scopeMemberSessionIds(db, [await requireScope(db, workspace.id, body.scope!)]);
    if (sessionIds.length === 0) return [];
  }
  if (target.session !== undefined) {
    const session = await findSession(db, workspace.id, target.session);
    if (!session) return [];
    sessionIds = [session.id];
  }
  let authorPeerId: string | null = null;
  if (target.peer !== undefined) {
    const peer = await findPeer(db, workspace.id, target.peer);
    if (!peer) return [];
    authorPeerId = peer.id;
  }
  if (filter.peerPerspective !== null) {
    const observer = await findPeer(db, workspace.id, filter.peerPerspective);
    if (!observer) return [];
    conditions.push(perspectiveCondition(observer.id));
  }

  const rows = await searchMessageRows(
    db,
    { workspaceId: workspace.id, sessionIds, authorPeerId, filter: Prisma.join(conditions, ' AND ') },
    query,
    body.limit ?? 10,
    { signal: options.signal },
  );
  return rows.map((row) => messageToWire(row, { workspace: target.workspace, session: row.sessionName, peer: row.peerName }));
}
