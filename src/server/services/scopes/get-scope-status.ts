import 'server-only';
// GET …/scopes/{scope}/status: the backfill (or removal) state of each session, from scope_backfills.
import type { ScopeStatusWire } from '@/contracts/scopes';
import { getDb } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { wireTimestamp } from '../wire-format';
import { findWorkspace } from '../workspaces/ensure-workspace';
import { requireScope, scopeNotFound } from './scope-peers';

export async function getScopeStatus(workspaceName: string, scopeId: string): Promise<ScopeStatusWire> {
  const db = getDb();
  const workspace = await findWorkspace(db, workspaceName);
  if (!workspace) throw new NotFoundError(scopeNotFound(scopeId));
  const scope = await requireScope(db, workspace.id, scopeId);
  const rows = await db.scopeBackfill.findMany({
    where: { scopePeerId: scope.id, session: { deletedAt: null } },
    include: { session: { select: { name: true } } },
    orderBy: { session: { name: 'asc' } },
  });
  const status: ScopeStatusWire['backfill_status'] = {};
  for (const row of rows) {
    status[row.session.name] = {
      state: row.state,
      updated_at: wireTimestamp(row.updatedAt),
      ...(row.state === 'completed' ? { docs_copied: row.docsCopied ?? 0 } : {}),
    };
  }
  return { backfill_status: status };
}
