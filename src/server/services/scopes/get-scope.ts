import 'server-only';
// GET …/scopes/{scope}: one scope; never creates it.
import type { ScopeWire } from '@/contracts/scopes';
import { getDb } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { findWorkspace } from '../workspaces/ensure-workspace';
import { requireScope, scopeNotFound, scopeToWire } from './scope-peers';

export async function getScope(workspaceName: string, scopeId: string): Promise<ScopeWire> {
  const db = getDb();
  const workspace = await findWorkspace(db, workspaceName);
  if (!workspace) throw new NotFoundError(scopeNotFound(scopeId));
  return scopeToWire(await requireScope(db, workspace.id, scopeId), workspace.name);
}
