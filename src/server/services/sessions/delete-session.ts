import 'server-only';
// DELETE …/sessions/{sess} (docs/api.md#s3-4, docs/honcho-differences.md#deletion-and-export). One short transaction marks the session deleted and renames it
// out of the way, so it vanishes from every read at once and its id can be get-or-created again right after the
// 202; pending background work for it is dropped in the same transaction, so no worker spends a model call on data
// that no longer exists. Its messages (with the conclusions derived only from them) and then the row itself are
// purged in bounded transactions before the response (purge-session.ts); a crash midway leaves a marked session
// that the sweeper finishes.
import { getDb } from '@/server/db/client';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { requireSession } from './ensure-session';
import { purgeDeletedSession } from './purge-session';
import { inSessionTransaction, lockSessionRow } from './session-transaction';
import { tombstoneName } from '../tombstone-name';

export async function deleteSession(workspaceName: string, sessionName: string): Promise<void> {
  const marked = await inSessionTransaction(async (tx) => {
    const workspace = await requireWorkspace(tx, workspaceName);
    const session = await requireSession(tx, workspace.id, sessionName, workspace.name);
    // Message appends lock the same row and check it is live, so none can slip in after the mark.
    await lockSessionRow(tx, session);
    await tx.$executeRaw`
      UPDATE sessions SET deleted_at = now(), name = ${tombstoneName(session.name, session.id)} WHERE id = ${session.id}`;
    await tx.$executeRaw`
      DELETE FROM work_items WHERE workspace_id = ${workspace.id} AND session_id = ${session.id} AND status = 'pending'`;
    return session;
  });
  await purgeDeletedSession(getDb(), marked.workspaceId, marked.id);
}
