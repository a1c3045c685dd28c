import 'server-only';
// Which page of the console's facts list shows a fact, when the list is filtered to the fact's own holder, subject
// and level (the view a "From facts" link opens). Counts the rows that sort before it in the list's order (superseded
// after live, newest first, then id), so a link lands on the page that contains the fact, not on page 1.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { CONCLUSION_FROM, liveConclusionsOf } from '../conclusions/conclusion-rows';

/** 1-based page per fact id; ids that name no live fact are absent. */
export async function factListPages(db: DbClient, workspaceName: string, ids: readonly string[], pageSize: number): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; position: number }[]>(Prisma.sql`
    SELECT t.id, (
      SELECT count(*) FROM ${CONCLUSION_FROM}
      WHERE ${liveConclusionsOf(workspaceName)}
        AND c.observer_id = t.observer_id AND c.observed_id = t.observed_id AND c.level = t.level
        AND ((c.superseded_at IS NOT NULL) < (t.superseded_at IS NOT NULL)
          OR ((c.superseded_at IS NOT NULL) = (t.superseded_at IS NOT NULL)
            AND (c.created_at > t.created_at OR (c.created_at = t.created_at AND c.id > t.id))))
    )::int AS position
    FROM conclusions t
    WHERE t.id = ANY(${[...ids]}::text[])`);
  return new Map(rows.map((r) => [r.id, Math.floor(r.position / pageSize) + 1]));
}
