import 'server-only';
// The one INSERT of a message write: every message of the request and the work items they cause, in a single
// statement. Columns travel as one array parameter each and are expanded with unnest(), so the statement has a
// fixed handful of parameters whatever the batch size (a 100-message batch as per-row VALUES needs ~3,000, which
// costs measurably more to bind and plan, and a large upload could exceed PostgreSQL's 65,535 limit).
import { Prisma, type Message } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import type { PlannedWorkItem } from './plan-message-work';

export type MessageRowInput = {
  id: string;
  peerId: string;
  seq: number;
  content: string;
  tokenCount: number;
  metadata: Record<string, unknown>;
  configuration: Record<string, unknown>;
  /** null = the transaction's now() */
  createdAt: Date | null;
};

export type AssignedColumns = Pick<Message, 'id' | 'insertedOrder' | 'createdAt' | 'insertedAt'>;

export async function insertMessageRows(
  tx: DbClient,
  target: { workspaceId: string; sessionId: string },
  messages: readonly MessageRowInput[],
  work: readonly PlannedWorkItem[],
): Promise<AssignedColumns[]> {
  return tx.$queryRaw<AssignedColumns[]>(messageInsertStatement(target, messages, work));
}

/**
 * The INSERT statement itself. `options.before` adds CTEs ahead of the inserts, `options.onlyIf` is a condition
 * on them that every inserted row must meet, and `options.returning` adds columns to each returned row: the guarded append (append-if-unchanged.ts) locks the session in the
 * same statement and inserts nothing when its guard fails.
 */
export function messageInsertStatement(
  target: { workspaceId: string; sessionId: string },
  messages: readonly MessageRowInput[],
  work: readonly PlannedWorkItem[],
  options: { before?: Prisma.Sql; onlyIf?: Prisma.Sql; returning?: Prisma.Sql } = {},
): Prisma.Sql {
  const { workspaceId, sessionId } = target;
  const column = <T>(pick: (m: MessageRowInput) => T) => messages.map(pick);
  const workColumn = <T>(pick: (w: PlannedWorkItem) => T) => work.map(pick);
  const before = options.before ? Prisma.sql`${options.before},` : Prisma.empty;
  const onlyIf = options.onlyIf ?? Prisma.sql`true`;
  // Observer lists are arrays themselves; unnest() would flatten a text[][], so each travels as a JSON array.
  return Prisma.sql`
    WITH ${before} work AS (
      INSERT INTO work_items (workspace_id, kind, unit_key, session_id, message_id, sender_id, observer_ids, payload,
                              available_at, deadline_at)
      SELECT ${workspaceId}, w.kind::work_kind, w.unit_key, ${sessionId}, w.message_id, w.sender_id,
             ARRAY(SELECT jsonb_array_elements_text(w.observer_ids)), w.payload,
             now() + w.delay_ms * interval '1 millisecond',
             now() + w.deadline_ms * interval '1 millisecond'
      FROM unnest(${workColumn((w) => w.kind)}::text[], ${workColumn((w) => w.unitKey)}::text[],
                  ${workColumn((w) => w.messageId)}::text[], ${workColumn((w) => w.senderId)}::text[],
                  ${workColumn((w) => JSON.stringify(w.observerIds))}::jsonb[],
                  ${workColumn((w) => JSON.stringify(w.payload))}::jsonb[], ${workColumn((w) => w.delayMs)}::int[],
                  ${workColumn((w) => w.deadlineMs)}::int[])
        AS w (kind, unit_key, message_id, sender_id, observer_ids, payload, delay_ms, deadline_ms)
      WHERE ${onlyIf}
    )
    INSERT INTO messages AS m (id, workspace_id, session_id, peer_id, seq, content, token_count, metadata, configuration,
                               created_at)
    SELECT u.id, ${workspaceId}, ${sessionId}, u.peer_id, u.seq, u.content, u.token_count, u.metadata, u.configuration,
           COALESCE(u.created_at, now())
    FROM unnest(${column((m) => m.id)}::text[], ${column((m) => m.peerId)}::text[], ${column((m) => m.seq)}::int[],
                ${column((m) => m.content)}::text[], ${column((m) => m.tokenCount)}::int[],
                ${column((m) => JSON.stringify(m.metadata))}::jsonb[], ${column((m) => JSON.stringify(m.configuration))}::jsonb[],
                ${column((m) => m.createdAt?.toISOString() ?? null)}::timestamptz[])
      AS u (id, peer_id, seq, content, token_count, metadata, configuration, created_at)
    WHERE ${onlyIf}
    RETURNING m.id, m.inserted_order AS "insertedOrder", m.created_at AS "createdAt", m.inserted_at AS "insertedAt"
      ${options.returning ? Prisma.sql`, ${options.returning}` : Prisma.empty}`;
}
