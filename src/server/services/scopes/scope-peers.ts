import 'server-only';
// Scopes are hidden observer peers (kind = scope) named `scope.<id>`: the prefix cannot appear in a peer id, so a
// scope never collides with a peer, and the observer machinery (derivation, conclusions, cards) serves it unchanged.
import type { Peer } from '@/generated/prisma/client';
import { SCOPE_PEER_PREFIX } from '@/contracts/sessions';
import type { ScopeWire } from '@/contracts/scopes';
import type { DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { wireTimestamp } from '../wire-format';

export const scopePeerName = (scopeId: string): string => `${SCOPE_PEER_PREFIX}${scopeId}`;

export const scopeIdOf = (peerName: string): string =>
  peerName.startsWith(SCOPE_PEER_PREFIX) ? peerName.slice(SCOPE_PEER_PREFIX.length) : peerName;

export const scopeNotFound = (scopeId: string): string => `Scope ${scopeId} not found`;

export async function findScope(db: DbClient, workspaceId: string, scopeId: string): Promise<Peer | null> {
  const peer = await db.peer.findUnique({ where: { workspaceId_name: { workspaceId, name: scopePeerName(scopeId) } } });
  return peer && peer.kind === 'scope' && !peer.deletedAt ? peer : null;
}

export async function requireScope(db: DbClient, workspaceId: string, scopeId: string): Promise<Peer> {
  const scope = await findScope(db, workspaceId, scopeId);
  if (!scope) throw new NotFoundError(scopeNotFound(scopeId));
  return scope;
}

export function scopeToWire(peer: Peer, workspaceName: string): ScopeWire {
  const metadata = peer.metadata && typeof peer.metadata === 'object' && !Array.isArray(peer.metadata) ? peer.metadata : {};
  return {
    id: scopeIdOf(peer.name),
    workspace_id: workspaceName,
    metadata: metadata as Record<string, unknown>,
    created_at: wireTimestamp(peer.createdAt),
  };
}
