import 'server-only';
// The console's "retry" on a failed work item: back to pending with a fresh set of attempts, due now. Only failed
// items qualify — a pending or running item is already on its way, and re-running a completed one would duplicate
// its results. The last error stays visible until the retry settles. `workspaceId` is the internal workspace key.
import { getDb, type DbClient } from '@/server/db/client';
import { NotFoundError, RejectedError } from '../errors';
import { toWorkItemView, WORK_ITEM_VIEW_COLUMNS, type WorkItemView } from './list-work-items';

export async function retryWorkItem(workspaceId: string, itemId: string | bigint, db: DbClient = getDb()): Promise<WorkItemView> {
  const id = String(itemId).trim();
  if (!/^\d{1,19}$/.test(id)) throw new NotFoundError(`Work item ${id} not found`);
  const rows = await db.$queryRaw<Parameters<typeof toWorkItemView>[0][]>`
    WITH retried AS (
      UPDATE work_items SET status = 'pending', attempts = 0, available_at = now(), deadline_at = NULL,
                            finished_at = NULL, started_at = NULL, lease_owner = NULL, lease_until = NULL
      WHERE id = ${id}::bigint AND workspace_id = ${workspaceId} AND status = 'failed'
      RETURNING *
    )
    SELECT ${WORK_ITEM_VIEW_COLUMNS} FROM retried w`;
  const [row] = rows;
  if (row) return toWorkItemView(row);
  const existing = await db.workItem.findFirst({ where: { id: BigInt(id), workspaceId }, select: { status: true } });
  if (!existing) throw new NotFoundError(`Work item ${id} not found`);
  throw new RejectedError(`Only failed work items can be retried; item ${id} is ${existing.status.replace('_', ' ')}`);
}
