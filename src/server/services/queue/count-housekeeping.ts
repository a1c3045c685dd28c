import 'server-only';
// Housekeeping items of a workspace by state, shown beside the queue's counts so an operator can see that this
// work exists and why it is not in the totals (queue/work-categories).
import type { DbClient } from '@/server/db/client';
import { HOUSEKEEPING_KINDS } from './work-categories';
import type { z } from 'zod';
import type { housekeepingCountsOutput } from '@/contracts/console-memory-outputs';

export type HousekeepingCounts = z.output<typeof housekeepingCountsOutput>;

export async function countHousekeeping(db: DbClient, workspaceId: string): Promise<HousekeepingCounts> {
  const rows = await db.$queryRaw<{ status: keyof HousekeepingCounts; n: number }[]>`
    SELECT status::text AS status, count(*)::int AS n FROM work_items
     WHERE workspace_id = ${workspaceId} AND kind::text = ANY(${[...HOUSEKEEPING_KINDS]}::text[])
     GROUP BY status`;
  const counts: HousekeepingCounts = { pending: 0, in_progress: 0, completed: 0, failed: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}
