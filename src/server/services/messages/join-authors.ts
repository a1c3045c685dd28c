import 'server-only';
// Makes every author of a message batch an active member of the session (docs/api.md#s3-6) and returns the
// session's active members with their observation switches (docs/api.md#s5-1), in one statement. Callers hold the session row
// lock, the same lock membership routes take first, so membership writers never deadlock with message writers.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { newInternalId } from '../ids';
import type { SessionMember } from './plan-message-work';

type MemberRow = { peer_id: string; observe_me: boolean | null; observe_others: boolean | null; peer_configuration: unknown };

export async function joinAuthors(
  tx: DbClient,
  target: { workspaceId: string; sessionId: string },
  authorIds: readonly string[],
): Promise<SessionMember[]> {
  const { workspaceId, sessionId } = target;
  const authors = [...new Set(authorIds)];
  // New members join with inherited (null) switches; members who had left rejoin keeping their stored switches.
  // clock_timestamp() keeps first-appearance order for the join order of several new members.
  const memberValues = authors.map((id) => Prisma.sql`(${workspaceId}, ${sessionId}, ${id}, now(), clock_timestamp())`);
  // Every join (new or rejoin) opens a membership window; ids are drawn here, one per possible join.
  const periodIds = authors.map((id) => Prisma.sql`(${newInternalId()}::text, ${id}::text)`);
  const rows = await tx.$queryRaw<MemberRow[]>`
    WITH joined AS (
      INSERT INTO session_peers (workspace_id, session_id, peer_id, joined_at, created_at)
      VALUES ${Prisma.join(memberValues)}
      ON CONFLICT (session_id, peer_id) DO UPDATE SET left_at = NULL, joined_at = now()
        WHERE session_peers.left_at IS NOT NULL
      RETURNING peer_id, observe_me, observe_others, joined_at
    ), periods AS (
      INSERT INTO session_membership_periods (id, workspace_id, session_id, peer_id, joined_at)
      SELECT v.id, ${workspaceId}, ${sessionId}, j.peer_id, j.joined_at
      FROM joined j JOIN (VALUES ${Prisma.join(periodIds)}) AS v (id, peer_id) ON v.peer_id = j.peer_id
    )
    -- The statement's snapshot predates its own inserts, so the joined rows are added to the members read here.
    SELECT m.peer_id, m.observe_me, m.observe_others, p.configuration AS peer_configuration
    FROM (
      SELECT peer_id, observe_me, observe_others FROM session_peers WHERE session_id = ${sessionId} AND left_at IS NULL
      UNION ALL
      SELECT peer_id, observe_me, observe_others FROM joined
    ) m
    JOIN peers p ON p.id = m.peer_id AND p.deleted_at IS NULL`;
  return rows.map((r) => ({
    peerId: r.peer_id,
    observeMe: r.observe_me,
    observeOthers: r.observe_others,
    peerConfiguration: r.peer_configuration,
  }));
}
