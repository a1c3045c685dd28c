import 'server-only';
// Membership lookup for the member-read rule (docs/api.md#s4-3 step 7): is this peer an active — joined and not
// left — member of this live session? Resolved by wire ids, confined to the workspace.
import { getDb, type DbClient } from '@/server/db/client';
import type { MembershipQuery } from './decide-access';

export async function isActiveSessionMember(query: MembershipQuery, db: DbClient = getDb()): Promise<boolean> {
  const row = await db.sessionPeer.findFirst({
    where: {
      leftAt: null,
      session: { name: query.session, deletedAt: null, workspace: { name: query.workspace } },
      peer: { name: query.peer, deletedAt: null },
    },
    select: { sessionId: true },
  });
  return row !== null;
}
