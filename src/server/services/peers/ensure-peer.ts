import 'server-only';
// Peer lookup and get-or-create within a workspace (race-safe, like ensureWorkspace).
import type { Peer } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { newInternalId } from '../ids';

export type EnsuredPeer = { peer: Peer; created: boolean };

export async function ensurePeer(
  db: DbClient,
  workspaceId: string,
  name: string,
  initial: { metadata?: object; configuration?: object } = {},
): Promise<EnsuredPeer> {
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO peers (id, workspace_id, name, metadata, configuration)
    VALUES (${newInternalId()}, ${workspaceId}, ${name}, ${JSON.stringify(initial.metadata ?? {})}::jsonb,
            ${JSON.stringify(initial.configuration ?? {})}::jsonb)
    ON CONFLICT (workspace_id, name) DO NOTHING RETURNING id`;
  const peer = await db.peer.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
  if (!peer || peer.deletedAt) throw new NotFoundError(`Peer ${name} not found`);
  return { peer, created: inserted.length > 0 };
}

/** Get-or-creates several peers at once; returns them by wire id. */
export async function ensurePeers(db: DbClient, workspaceId: string, names: readonly string[]): Promise<Map<string, Peer>> {
  const out = new Map<string, Peer>();
  for (const name of [...new Set(names)].sort()) out.set(name, (await ensurePeer(db, workspaceId, name)).peer);
  return out;
}

export async function findPeer(db: DbClient, workspaceId: string, name: string): Promise<Peer | null> {
  const peer = await db.peer.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
  return peer && !peer.deletedAt && peer.kind === 'peer' ? peer : null;
}

export async function requirePeer(db: DbClient, workspaceId: string, name: string): Promise<Peer> {
  const peer = await findPeer(db, workspaceId, name);
  if (!peer) throw new NotFoundError(`Peer ${name} not found`);
  return peer;
}
