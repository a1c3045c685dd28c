import 'server-only';
// DELETE …/sessions/{sess} (api-contract §3.4, Δ4): removes the session at once, in one transaction. Messages go
// through deleteMessagesWithDerivedData so conclusions derived only from them go too; deleting the session row then
// cascades to memberships, membership periods, summaries and scope backfills. Nothing is left pending, so the id can
// be get-or-created again right after the 202. Pending background work for the session is dropped in the same
// transaction, so no worker spends a model call on data that no longer exists.
import { Prisma } from '@/generated/prisma/client';
import { deleteMessagesWithDerivedData } from '@/server/db/delete-messages';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { requireSession } from './ensure-session';
import { inSessionTransaction, lockSessionRow } from './session-transaction';

export async function deleteSession(workspaceName: string, sessionName: string): Promise<void> {
  await inSessionTransaction(async (tx) => {
    const workspace = await requireWorkspace(tx, workspaceName);
    const session = await requireSession(tx, workspace.id, sessionName, workspace.name);
    // Message appends lock the same row, so none can slip in between the message delete and the session delete.
    await lockSessionRow(tx, session);
    await deleteMessagesWithDerivedData(tx, workspace.id, Prisma.sql`m.session_id = ${session.id}`);
    await tx.$executeRaw`
      DELETE FROM work_items WHERE workspace_id = ${workspace.id} AND session_id = ${session.id} AND status = 'pending'`;
    await tx.$executeRaw`DELETE FROM sessions WHERE id = ${session.id}`;
  });
}
