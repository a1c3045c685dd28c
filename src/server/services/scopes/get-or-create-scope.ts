import 'server-only';
// POST …/scopes: get-or-create a scope (and its workspace). Supplied metadata replaces the stored one, as for peers.
import type { ScopeWire } from '@/contracts/scopes';
import { getDb, type DbClient } from '@/server/db/client';
import type { Peer } from '@/generated/prisma/client';
import { ConflictError } from '../errors';
import { newInternalId } from '../ids';
import { ensureWorkspace } from '../workspaces/ensure-workspace';
import { scopePeerName, scopeToWire } from './scope-peers';

/** Get-or-creates the scope peer inside the caller's transaction. */
export async function ensureScope(
  tx: DbClient,
  workspaceId: string,
  scopeId: string,
  metadata?: Record<string, unknown> | null,
): Promise<{ scope: Peer; created: boolean }> {
  const name = scopePeerName(scopeId);
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO peers (id, workspace_id, name, kind, metadata)
    VALUES (${newInternalId()}, ${workspaceId}, ${name}, 'scope'::peer_kind, ${JSON.stringify(metadata ?? {})}::jsonb)
    ON CONFLICT (workspace_id, name) DO NOTHING RETURNING id`;
  let scope = await tx.peer.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId, name } } });
  if (scope.kind !== 'scope' || scope.deletedAt) throw new ConflictError(`Scope id ${scopeId} collides with an existing peer`);
  if (inserted.length === 0 && metadata) {
    scope = await tx.peer.update({ where: { id: scope.id }, data: { metadata: metadata as object } });
  }
  return { scope, created: inserted.length > 0 };
}

export async function getOrCreateScope(
  workspaceName: string,
  input: { id: string; metadata?: Record<string, unknown> | null },
): Promise<{ scope: ScopeWire; created: boolean }> {
  return getDb().$transaction(async (tx) => {
    const { workspace } = await ensureWorkspace(tx, workspaceName);
    const { scope, created } = await ensureScope(tx, workspace.id, input.id, input.metadata);
    return { scope: scopeToWire(scope, workspace.name), created };
  });
}
