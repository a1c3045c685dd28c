import 'server-only';
// A fact's history, like the memory history of other memory products: the chain of facts it belongs to (what it
// replaced, what replaced it, transitively) and what happened to each — derived (or written, or edited in), reinforced
// (derived again: the count, dated by its latest source message), superseded (when, and by which fact), deleted.
// Deletion is physical, so a deleted fact is known only by the audit record of its explicit deletion (console or API:
// `conclusion.deleted`) and by the ids still citing it; facts removed with their messages or sessions leave no
// record of their own, and the history says "replaced by a fact that no longer exists" without a time.
import type { DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { conclusionNotFound } from '../conclusions/conclusion-rows';
import type { z } from 'zod';
import type { factHistoryEventOutput, factHistoryOutput } from '@/contracts/console-memory-outputs';

export type FactHistoryEvent = z.output<typeof factHistoryEventOutput>;

export type FactHistory = z.output<typeof factHistoryOutput>;

type Row = {
  id: string;
  content: string;
  level: string;
  origin: 'api' | 'deriver' | 'dream';
  provenance: unknown;
  times_derived: number;
  created_at: Date;
  message_created_at: Date | null;
  superseded_at: Date | null;
  superseded_by_id: string | null;
};

/** Longest chain followed in either direction (a guard against a cycle written by hand). */
const MAX_DEPTH = 100;

export async function getFactHistory(db: DbClient, workspaceId: string, id: string): Promise<FactHistory> {
  const rows = await db.$queryRaw<Row[]>`
    WITH RECURSIVE
      start AS (SELECT c.id FROM conclusions c WHERE c.id = ${id} AND c.workspace_id = ${workspaceId}),
      earlier(id, depth) AS (
        SELECT id, 0 FROM start
        UNION SELECT c.id, e.depth + 1 FROM conclusions c JOIN earlier e ON c.superseded_by_id = e.id
        WHERE c.workspace_id = ${workspaceId} AND e.depth < ${MAX_DEPTH}),
      later(id, depth) AS (
        SELECT id, 0 FROM start
        UNION SELECT c.superseded_by_id, l.depth + 1 FROM conclusions c JOIN later l ON c.id = l.id
        WHERE c.superseded_by_id IS NOT NULL AND c.workspace_id = ${workspaceId} AND l.depth < ${MAX_DEPTH})
    SELECT c.id, c.content, c.level::text AS level, c.origin::text AS origin, c.provenance, c.times_derived, c.created_at,
           c.message_created_at, c.superseded_at, c.superseded_by_id
    FROM conclusions c
    WHERE c.workspace_id = ${workspaceId}
      AND c.id IN (SELECT id FROM earlier UNION SELECT id FROM later)`;
  if (!rows.some((row) => row.id === id)) throw new NotFoundError(conclusionNotFound(id));

  const present = new Set(rows.map((row) => row.id));
  // Replacements that no longer exist: their deletion may be on record.
  const missing = [...new Set(rows.flatMap((row) => (row.superseded_by_id && !present.has(row.superseded_by_id) ? [row.superseded_by_id] : [])))];
  const deletions = missing.length
    ? await db.auditEvent.findMany({
        where: { workspaceId, action: 'conclusion.deleted', target: { in: missing } },
        select: { target: true, createdAt: true, actorUserId: true, details: true },
      })
    : [];
  const users = await db.user.findMany({
    where: { id: { in: deletions.flatMap((d) => (d.actorUserId ? [d.actorUserId] : [])) } },
    select: { id: true, email: true },
  });
  const emailOf = new Map(users.map((u) => [u.id, u.email]));

  const events: FactHistoryEvent[] = [];
  for (const row of rows) {
    const provenance = row.provenance && typeof row.provenance === 'object' ? (row.provenance as Record<string, unknown>) : {};
    const replaced = typeof provenance.edited_from === 'string' ? provenance.edited_from : null;
    const kind = replaced ? 'edited' : row.origin === 'api' ? 'written' : 'derived';
    events.push({ kind, at: row.created_at.toISOString(), fact: row.id, content: row.content, level: row.level, replaced });
    if (row.times_derived > 1) {
      const latest = row.message_created_at && row.message_created_at > row.created_at ? row.message_created_at : row.created_at;
      events.push({ kind: 'reinforced', at: latest.toISOString(), fact: row.id, times: row.times_derived - 1 });
    }
    if (row.superseded_at) {
      const by = row.superseded_by_id;
      events.push({ kind: 'superseded', at: row.superseded_at.toISOString(), fact: row.id, by, byExists: by !== null && present.has(by) });
    }
  }
  for (const deletion of deletions) {
    const details = deletion.details && typeof deletion.details === 'object' ? (deletion.details as Record<string, unknown>) : {};
    const by = deletion.actorUserId ? (emailOf.get(deletion.actorUserId) ?? 'a former member') : details.via === 'api' ? 'the API' : null;
    events.push({ kind: 'deleted', at: deletion.createdAt.toISOString(), fact: deletion.target!, by });
  }
  // Oldest first; events of the same instant keep the order they were listed in (derived before superseded).
  const order = events.map((e, i) => ({ e, i, t: Date.parse(e.at) }));
  order.sort((a, b) => a.t - b.t || a.i - b.i);
  const chain = rows.slice().sort((a, b) => a.created_at.getTime() - b.created_at.getTime()).map((row) => row.id);
  return { fact: id, chain, events: order.map((o) => o.e) };
}
