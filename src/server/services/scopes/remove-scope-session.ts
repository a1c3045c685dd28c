import 'server-only';
// DELETE …/scopes/{scope}/sessions/{sess}: the scope stops observing the session now; what it learnt from it is
// removed in the background (scope-backfill-handler.ts). A session that is not a member is a no-op.
import { getDb } from '@/server/db/client';
import { transactionLimits } from '@/server/db/transaction-limits';
import { NotFoundError } from '../errors';
import { requireSession } from '../sessions/ensure-session';
import { findWorkspace } from '../workspaces/ensure-workspace';
import { leaveScope } from './scope-membership';
import { requireScope, scopeNotFound } from './scope-peers';

export async function removeScopeSession(workspaceName: string, scopeId: string, sessionName: string): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const workspace = await findWorkspace(tx, workspaceName);
    if (!workspace) throw new NotFoundError(scopeNotFound(scopeId));
    const scope = await requireScope(tx, workspace.id, scopeId);
    const session = await requireSession(tx, workspace.id, sessionName, workspace.name);
    await leaveScope(tx, scope, session);
  }, transactionLimits('sessionWrite'));
}
