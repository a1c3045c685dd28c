import 'server-only';
// The shared core of POST …/peers and PUT …/peers/{peer}: get-or-create the workspace and the peer, then, for a peer
// that already existed, replace metadata and configuration when supplied (omitted or null = unchanged, docs/api.md#s1-6).
import type { WirePeer } from '@/contracts/peers';
import type { Peer, Prisma } from '@/generated/prisma/client';
import { getDb, type DbClient } from '@/server/db/client';
import { peerToWire } from '../wire-format';
import { ensureWorkspace } from '../workspaces/ensure-workspace';
import { ensurePeer } from './ensure-peer';

export type PeerFields = {
  metadata?: Record<string, unknown> | null;
  configuration?: Record<string, unknown> | null;
};

export async function upsertPeer(
  workspaceName: string,
  peerName: string,
  fields: PeerFields,
): Promise<{ created: boolean; peer: WirePeer }> {
  const db = getDb();
  const { workspace } = await ensureWorkspace(db, workspaceName);
  const ensured = await ensurePeer(db, workspace.id, peerName, {
    metadata: fields.metadata ?? {},
    configuration: fields.configuration ?? {},
  });
  const peer = ensured.created ? ensured.peer : await replaceSuppliedFields(db, ensured.peer, fields);
  return { created: ensured.created, peer: peerToWire(peer, workspace.name) };
}

async function replaceSuppliedFields(db: DbClient, peer: Peer, fields: PeerFields): Promise<Peer> {
  const data: Prisma.PeerUpdateInput = {};
  if (fields.metadata) data.metadata = fields.metadata as Prisma.InputJsonObject;
  if (fields.configuration) data.configuration = fields.configuration as Prisma.InputJsonObject;
  if (Object.keys(data).length === 0) return peer;
  return db.peer.update({ where: { id: peer.id }, data });
}
