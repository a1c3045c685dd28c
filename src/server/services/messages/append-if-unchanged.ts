import 'server-only';
// The one-statement append (docs/ingest.md). The work a write records depends on the session's members, the
// configurations and the next sequence number, all read by resolveWriteTarget before the write. This statement
// plans from that read and then, in one statement, locks the session row (allocating the sequence numbers), joins
// the authors, and inserts the messages and their work items. It does so only if nothing it planned from has
// changed in between:
//   - the session row still has the version that was read (xmin). Every writer of the session row or its
//     membership writes a new version of it (lockSessionRow), and a concurrent writer that held the row makes the
//     UPDATE re-check this condition on the newest version;
//   - the fingerprint of the workspace, member and author rows is unchanged.
// Otherwise it inserts nothing and returns null, and the caller takes the locking path (create-messages.ts), which
// reads everything again under the lock. Both paths record the same rows.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { queryRows } from '@/server/db/raw-rows';
import { newInternalId } from '../ids';
import { messageInsertStatement, type AssignedColumns, type MessageRowInput } from './insert-message-rows';
import { planMessageWork, type PlannedMessage, type SessionMember } from './plan-message-work';
import type { WriteState } from './resolve-write-target';
import { writeStateFingerprint } from './write-state-fingerprint';

export type AppendInput = Omit<MessageRowInput, 'seq'> & { configuration: PlannedMessage['configuration'] };

export async function appendIfUnchanged(
  db: DbClient,
  target: { workspaceId: string; sessionId: string; state: WriteState },
  authorNames: readonly string[],
  messages: readonly AppendInput[],
): Promise<{ firstSeq: number; rows: AssignedColumns[]; next: WriteState | null } | null> {
  const { workspaceId, sessionId, state } = target;
  const firstSeq = state.lastSeq + 1;
  const rows = messages.map((m, i) => ({ ...m, seq: firstSeq + i }));

  // Authors who are not active members join (or rejoin, keeping their stored switches), exactly as joinAuthors does.
  const known = new Map(state.members.map((m) => [m.peer_id, m]));
  const joining = [...new Set(messages.map((m) => m.peerId))].filter((id) => !known.get(id)?.active);
  const members: SessionMember[] = [
    ...state.members.filter((m) => m.active),
    ...joining.map((id) => ({ ...known.get(id), peer_id: id, peer_configuration: state.authorConfigurations.get(id) })),
  ].map((m) => ({
    peerId: m.peer_id,
    observeMe: m.observe_me ?? null,
    observeOthers: m.observe_others ?? null,
    peerConfiguration: m.peer_configuration,
  }));
  const work = planMessageWork({
    sessionId,
    messages: rows.map((r) => ({ id: r.id, seq: r.seq, senderId: r.peerId, configuration: r.configuration })),
    members,
    sessionConfiguration: state.sessionConfiguration,
    workspaceConfiguration: state.workspaceConfiguration,
  });

  const fingerprint = writeStateFingerprint(Prisma.sql`${workspaceId}`, Prisma.sql`${sessionId}`, authorNames);
  const before = Prisma.sql`
    locked AS (
      UPDATE sessions SET last_seq = last_seq + ${rows.length}
      WHERE id = ${sessionId} AND xmin = ${state.sessionVersion}::xid AND deleted_at IS NULL
        AND ${fingerprint} = ${state.fingerprint}
      RETURNING last_seq, xmin::text AS version
    ), joined AS (
      -- clock_timestamp() keeps first-appearance order for the join order of several new members.
      INSERT INTO session_peers (workspace_id, session_id, peer_id, joined_at, created_at)
      SELECT ${workspaceId}, ${sessionId}, j.peer_id, now(), clock_timestamp()
      FROM unnest(${joining}::text[]) WITH ORDINALITY AS j (peer_id, ord)
      WHERE EXISTS (SELECT 1 FROM locked)
      ORDER BY j.ord
      ON CONFLICT (session_id, peer_id) DO UPDATE SET left_at = NULL, joined_at = now()
        WHERE session_peers.left_at IS NOT NULL
      RETURNING peer_id, joined_at
    ), periods AS (
      INSERT INTO session_membership_periods (id, workspace_id, session_id, peer_id, joined_at)
      SELECT v.id, ${workspaceId}, ${sessionId}, j.peer_id, j.joined_at
      FROM joined j JOIN unnest(${joining.map(() => newInternalId())}::text[], ${joining}::text[]) AS v (id, peer_id)
        ON v.peer_id = j.peer_id
    )`;
  // Straight on the pool (raw-rows.ts): the most frequent statement of the server, and the one with the largest
  // parameters. node-postgres returns inserted_order (int8) as a string; it becomes the bigint Prisma would give.
  const inserted = await queryRows<Omit<AssignedColumns, 'insertedOrder'> & { insertedOrder: bigint | string; sessionVersion: string }>(
    db,
    messageInsertStatement({ workspaceId, sessionId }, rows, work, {
      before,
      onlyIf: Prisma.sql`EXISTS (SELECT 1 FROM locked)`,
      returning: Prisma.sql`(SELECT version FROM locked) AS "sessionVersion"`,
    }),
  );
  if (inserted.length === 0) return null;
  // The state this write left behind, for the next write (write-state-cache.ts). Joining members writes member
  // rows, which changes the fingerprint, so then there is none and the next write reads again.
  const next = joining.length === 0 ? { ...state, lastSeq: state.lastSeq + rows.length, sessionVersion: inserted[0]!.sessionVersion } : null;
  return { firstSeq, rows: inserted.map(({ sessionVersion: _, insertedOrder, ...row }) => ({ ...row, insertedOrder: BigInt(insertedOrder) })), next };
}
