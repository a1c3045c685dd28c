import 'server-only';
// DELETE /v3/workspaces/{ws}: refused (409) while a live session exists; otherwise the workspace row is removed in
// one transaction and the foreign-key cascades remove everything it owns, so after the 202 nothing is readable.
import { getDb } from '@/server/db/client';
import { transactionLimits } from '@/server/db/transaction-limits';
import { ConflictError, NotFoundError } from '../errors';

export const LIVE_SESSIONS_DETAIL = 'Cannot delete workspace with active sessions. Delete all sessions first.';

export async function deleteWorkspace(name: string): Promise<void> {
  await getDb().$transaction(async (tx) => {
    // The row lock makes a concurrent session insert (its foreign key takes a share lock on this row) wait for us,
    // so no session can appear between the check and the delete.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM workspaces WHERE name = ${name} FOR UPDATE`;
    const workspace = locked[0];
    if (!workspace) throw new NotFoundError(`Workspace ${name} not found`);
    const liveSessions = await tx.session.count({ where: { workspaceId: workspace.id, deletedAt: null } });
    if (liveSessions > 0) throw new ConflictError(LIVE_SESSIONS_DETAIL);
    await tx.$executeRaw`DELETE FROM workspaces WHERE id = ${workspace.id}`;
  }, transactionLimits('workspaceDelete'));
}
