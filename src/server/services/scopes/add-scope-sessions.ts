import 'server-only';
// POST …/scopes/{scope}/sessions: adds existing sessions to a scope. Every session is checked first, so a 404 adds
// nothing; sessions are locked in a fixed order so two concurrent calls cannot deadlock.
import { getDb } from '@/server/db/client';
import { transactionLimits } from '@/server/db/transaction-limits';
import { NotFoundError } from '../errors';
import { requireSession } from '../sessions/ensure-session';
import { findWorkspace } from '../workspaces/ensure-workspace';
import { joinScope } from './scope-membership';
import { requireScope, scopeNotFound } from './scope-peers';

export async function addScopeSessions(workspaceName: string, scopeId: string, sessionNames: readonly string[]): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const workspace = await findWorkspace(tx, workspaceName);
    if (!workspace) throw new NotFoundError(scopeNotFound(scopeId));
    const scope = await requireScope(tx, workspace.id, scopeId);
    const names = [...new Set(sessionNames)].sort();
    const sessions = [];
    for (const name of names) sessions.push(await requireSession(tx, workspace.id, name, workspace.name));
    for (const session of sessions) await joinScope(tx, scope, session);
  }, transactionLimits('sessionWrite'));
}
