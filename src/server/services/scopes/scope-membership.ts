import 'server-only';
// A session's membership in a scope is a session_peers row of the scope peer with observe_others = true and
// observe_me = false: message writes then list the scope among the observers of every message, exactly like a member
// observing others, and it never counts towards the observer limit or appears among the session's peers (those
// readers skip kind = scope). Joining and leaving take the session row lock, like every membership change, so a
// concurrent message write sees either the old or the new member list.
//
// What happened before the join is copied by a `backfill` work item; what the scope learnt from a session is removed
// by one after a leave. Both run in the unit `scope:<scope>:<session>`, so they apply in request order, and their
// state is the session's scope_backfills row (GET …/scopes/{scope}/status).
import type { Peer, Session } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { lockSessionRow } from '../sessions/session-transaction';

export type ScopeWorkAction = 'copy' | 'remove';

/** Payload of a `backfill` work item. */
export type ScopeWorkPayload = { action: ScopeWorkAction; scope_peer_id: string };

export const SCOPE_WORK_MAX_ATTEMPTS = 5;

export const scopeWorkUnit = (scopePeerId: string, sessionId: string): string => `scope:${scopePeerId}:${sessionId}`;

export async function isScopeMember(tx: DbClient, scopePeerId: string, sessionId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ one: number }[]>`
    SELECT 1 AS one FROM session_peers WHERE session_id = ${sessionId} AND peer_id = ${scopePeerId} AND left_at IS NULL`;
  return rows.length > 0;
}

async function enqueueScopeWork(tx: DbClient, scope: Peer, session: Session, action: ScopeWorkAction): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO scope_backfills (workspace_id, scope_peer_id, session_id, state, docs_copied, updated_at)
    VALUES (${session.workspaceId}, ${scope.id}, ${session.id}, 'pending', NULL, now())
    ON CONFLICT (scope_peer_id, session_id) DO UPDATE SET state = 'pending', docs_copied = NULL, updated_at = now()`;
  const payload: ScopeWorkPayload = { action, scope_peer_id: scope.id };
  await tx.workItem.create({
    data: {
      workspaceId: session.workspaceId,
      kind: 'backfill',
      unitKey: scopeWorkUnit(scope.id, session.id),
      sessionId: session.id,
      observerIds: [scope.id],
      payload,
      maxAttempts: SCOPE_WORK_MAX_ATTEMPTS,
    },
  });
}

/**
 * Adds the session to the scope (no-op when it is a member already). A session that already holds messages gets a
 * backfill; an empty one is caught up at once (`completed`, nothing copied). Returns whether it joined.
 */
export async function joinScope(tx: DbClient, scope: Peer, session: Session): Promise<boolean> {
  await lockSessionRow(tx, session);
  if (await isScopeMember(tx, scope.id, session.id)) return false;
  await tx.$executeRaw`
    INSERT INTO session_peers (workspace_id, session_id, peer_id, observe_me, observe_others, joined_at, created_at)
    VALUES (${session.workspaceId}, ${session.id}, ${scope.id}, false, true, clock_timestamp(), clock_timestamp())
    ON CONFLICT (session_id, peer_id) DO UPDATE
      SET left_at = NULL, observe_me = false, observe_others = true, joined_at = clock_timestamp()`;
  const [history] = await tx.$queryRaw<{ has_messages: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM messages WHERE session_id = ${session.id}) AS has_messages`;
  if (history?.has_messages) {
    await enqueueScopeWork(tx, scope, session, 'copy');
  } else {
    await tx.$executeRaw`
      INSERT INTO scope_backfills (workspace_id, scope_peer_id, session_id, state, docs_copied, updated_at)
      VALUES (${session.workspaceId}, ${scope.id}, ${session.id}, 'completed', 0, now())
      ON CONFLICT (scope_peer_id, session_id) DO UPDATE SET state = 'completed', docs_copied = 0, updated_at = now()`;
  }
  return true;
}

/** Removes the session from the scope and queues the removal of what the scope learnt from it; false if no member. */
export async function leaveScope(tx: DbClient, scope: Peer, session: Session): Promise<boolean> {
  await lockSessionRow(tx, session);
  const removed = await tx.$executeRaw`
    DELETE FROM session_peers WHERE session_id = ${session.id} AND peer_id = ${scope.id}`;
  if (removed === 0) return false;
  await enqueueScopeWork(tx, scope, session, 'remove');
  return true;
}
