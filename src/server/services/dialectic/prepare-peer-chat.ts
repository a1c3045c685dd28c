import 'server-only';
// POST …/peers/{peer}/chat (docs/api.md#s3-11): everything decided before the first response byte. The path peer
// (and workspace) are get-or-created; the target and session must exist (404); a peer credential may only name
// sessions it actively belongs to (401). Recall is confined to the (observer, target) view and to the pinned session,
// or else to the sessions the observer is or was a member of, intersected with any allowlist.
import type { PeerChatBody } from '@/contracts/chat';
import { getDb, type Db } from '@/server/db/client';
import type { Credential } from '../auth/credential';
import { assertPeerMayReadSessions } from '../auth/handler-checks';
import { ensurePeer, requirePeer } from '../peers/ensure-peer';
import { requireSession } from '../sessions/ensure-session';
import { ensureWorkspace } from '../workspaces/ensure-workspace';
import { checkScopeOption, resolveScopeRead } from '../scopes/read-through-scope';
import { cardUseEnabled } from '../cards/read-card';
import { assertSessionInAllowlist, responseFormatOf } from './chat-checks';
import { chatPlan } from './chat-plan';
import type { ChatPlan } from './chat-run';

export async function preparePeerChat(
  credential: Credential,
  path: { workspace: string; peer: string },
  body: PeerChatBody,
  db: Db = getDb(),
): Promise<ChatPlan> {
  const scoped = checkScopeOption(
    credential,
    body.scope,
    { session_id: Boolean(body.session_id), filters: body.filters !== undefined && body.filters !== null },
    'body.scope',
  );
  const responseFormat = responseFormatOf(body.response_format);
  const allowlist = body.filters ?? null;
  assertSessionInAllowlist(body.session_id, allowlist);
  await assertPeerMayReadSessions(credential, [...(body.session_id ? [body.session_id] : []), ...(allowlist ?? [])], db);

  const { workspace } = await ensureWorkspace(db, path.workspace);
  const { peer } = await ensurePeer(db, workspace.id, path.peer);
  const observed = body.target && body.target !== path.peer ? await requirePeer(db, workspace.id, body.target) : peer;
  const session = body.session_id ? await requireSession(db, workspace.id, body.session_id, workspace.name) : null;

  // One scope answers as the scope (its view, card and sessions); a list of scopes is an allowlist of their sessions.
  const read = scoped ? await resolveScopeRead(db, workspace.id, body.scope!, 'body.scope') : null;
  const observer = read?.kind === 'observer' ? read.scope : peer;
  const allowed = read?.kind === 'sessions' ? read.sessionIds : allowlist ? await sessionIdsByName(db, workspace.id, allowlist) : null;
  const member = await observerSessionIds(db, workspace.id, observer.id);
  // A peer in every live session of the workspace may read all of them: say so with null rather than a list of every
  // session id, which message search would otherwise test row by row (at 475 sessions that doubled its time).
  const everywhere = member.everyLiveSession ? null : member.ids;
  const messageSessionIds = session ? [session.id] : allowed ? member.ids.filter((id) => allowed.includes(id)) : everywhere;
  return chatPlan(body, {
    responseFormat,
    workspace,
    session,
    view: { observer: { id: observer.id, name: observer.name }, observed: { id: observed.id, name: observed.name } },
    messageSessionIds,
    conclusionSessionIds: session ? [session.id] : allowed,
    useCard: cardUseEnabled([session?.configuration, workspace.configuration]),
  });
}

/** Live sessions the peer is or was a member of (a membership row, or any membership window), and whether that is
 * every live session of the workspace (one statement, so a session created meanwhile cannot slip in between). */
async function observerSessionIds(db: Db, workspaceId: string, peerId: string): Promise<{ ids: string[]; everyLiveSession: boolean }> {
  const rows = await db.$queryRaw<{ id: string; member: boolean }[]>`
    SELECT s.id, (
      EXISTS (SELECT 1 FROM session_peers sp WHERE sp.session_id = s.id AND sp.peer_id = ${peerId})
      OR EXISTS (SELECT 1 FROM session_membership_periods mp WHERE mp.session_id = s.id AND mp.peer_id = ${peerId})) AS member
    FROM sessions s WHERE s.workspace_id = ${workspaceId} AND s.deleted_at IS NULL`;
  const ids = rows.filter((r) => r.member).map((r) => r.id);
  return { ids, everyLiveSession: ids.length === rows.length && rows.length > 0 };
}

/** Internal ids of the live sessions among `names`; names that match nothing simply recall nothing. */
async function sessionIdsByName(db: Db, workspaceId: string, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await db.session.findMany({ where: { workspaceId, name: { in: [...names] }, deletedAt: null }, select: { id: true } });
  return rows.map((r) => r.id);
}
