import 'server-only';
// What the metrics endpoint reads from the queue at scrape time. Two small aggregates: items that are not completed
// (completed ones can be numerous and are counted as they finish instead), and per kind the longest time a unit with
// pending items has been due, from the work_units state table (one row per unit with pending work, docs/queue.md).
import type { DbClient } from '@/server/db/client';

export type QueueGauges = {
  items: { state: string; kind: string; count: number }[];
  oldestDue: { kind: string; ageSeconds: number }[];
};

export async function readQueueGauges(db: DbClient): Promise<QueueGauges> {
  const items = await db.$queryRaw<{ state: string; kind: string; count: number }[]>`
    SELECT status::text AS state, kind::text AS kind, count(*)::int AS count
      FROM work_items
     WHERE status IN ('pending', 'in_progress', 'failed')
     GROUP BY status, kind`;
  const oldestDue = await db.$queryRaw<{ kind: string; ageSeconds: number }[]>`
    SELECT kind::text AS kind, GREATEST(0, EXTRACT(EPOCH FROM now() - min(due_at)))::float8 AS "ageSeconds"
      FROM work_units
     WHERE due_at <= now()
     GROUP BY kind`;
  return { items, oldestDue };
}
