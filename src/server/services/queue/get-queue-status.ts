import 'server-only';
// GET …/queue/status (docs/api.md#s3-12, docs/honcho-differences.md#derivation-latency): derivation, summary and dream items of the workspace counted by state.
// Items reference peers and sessions by internal id (a wire id can be reused after a deletion), so the wire ids of
// the filters are translated first; a wire id that names nothing matches nothing, and an unknown workspace is all
// zeros rather than a 404 (Honcho answers the same for a workspace it has never seen).
import type { WireQueueStatus, WireSessionQueueStatus } from '@/contracts/queue';
import { Prisma } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { findWorkspace } from '../workspaces/ensure-workspace';

export type QueueStatusFilters = { observerId?: string; senderId?: string; sessionId?: string };

type Counts = Omit<WireSessionQueueStatus, 'session_id'>;

/** Work kinds queue status counts (docs/api.md#s3-12): embedding, webhook and backfill work is internal. */
export const COUNTED_KINDS = ['derivation', 'summary', 'dream'] as const;

const zero = (): Counts => ({
  total_work_units: 0, completed_work_units: 0, in_progress_work_units: 0, pending_work_units: 0, failed_work_units: 0,
});

const FIELD = {
  pending: 'pending_work_units',
  in_progress: 'in_progress_work_units',
  completed: 'completed_work_units',
  failed: 'failed_work_units',
} as const;

function add(counts: Counts, status: keyof typeof FIELD, n: number): void {
  counts[FIELD[status]] += n;
  counts.total_work_units += n;
}

export async function getQueueStatus(workspaceName: string, filters: QueueStatusFilters = {}): Promise<WireQueueStatus> {
  const db = getDb();
  const empty: WireQueueStatus = { ...zero(), sessions: null };
  const workspace = await findWorkspace(db, workspaceName);
  if (!workspace) return empty;

  const peerNames = [filters.observerId, filters.senderId].filter((n): n is string => Boolean(n));
  const peers = peerNames.length
    ? await db.peer.findMany({ where: { workspaceId: workspace.id, name: { in: peerNames }, deletedAt: null }, select: { id: true, name: true } })
    : [];
  const peerId = (name?: string) => (name ? (peers.find((p) => p.name === name)?.id ?? null) : undefined);
  const observer = peerId(filters.observerId);
  const sender = peerId(filters.senderId);

  const conditions: Prisma.Sql[] = [
    Prisma.sql`w.workspace_id = ${workspace.id}`,
    Prisma.sql`w.kind::text = ANY(${[...COUNTED_KINDS]}::text[])`,
  ];
  if (filters.sessionId) {
    const session = await db.session.findUnique({ where: { workspaceId_name: { workspaceId: workspace.id, name: filters.sessionId } }, select: { id: true } });
    if (!session) return empty;
    conditions.push(Prisma.sql`w.session_id = ${session.id}`);
  }
  // observer and sender together match either (docs/api.md#s3-12); a filter naming no live peer matches nothing.
  const peerMatches: Prisma.Sql[] = [];
  if (observer) peerMatches.push(Prisma.sql`${observer} = ANY(w.observer_ids)`);
  if (sender) peerMatches.push(Prisma.sql`w.sender_id = ${sender}`);
  if (observer !== undefined || sender !== undefined) {
    if (peerMatches.length === 0) return empty;
    conditions.push(Prisma.sql`(${Prisma.join(peerMatches, ' OR ')})`);
  }

  const rows = await db.$queryRaw<{ session: string | null; status: keyof typeof FIELD; n: number }[]>`
    SELECT s.name AS session, w.status::text AS status, count(*)::int AS n
    FROM work_items w LEFT JOIN sessions s ON s.id = w.session_id
    WHERE ${Prisma.join(conditions, ' AND ')}
    GROUP BY s.name, w.status`;

  const total = zero();
  const bySession = new Map<string, Counts>();
  for (const row of rows) {
    add(total, row.status, row.n);
    // Items of a deleted session still count in the totals, but there is no session id left to list them under.
    if (row.session === null) continue;
    let counts = bySession.get(row.session);
    if (!counts) bySession.set(row.session, (counts = zero()));
    add(counts, row.status, row.n);
  }
  const sessions =
    filters.sessionId || bySession.size === 0
      ? null
      : Object.fromEntries([...bySession].sort(([a], [b]) => a.localeCompare(b)).map(([name, counts]) => [name, { session_id: name, ...counts }]));
  return { ...total, sessions };
}
