import 'server-only';
// One peer for the console's peer page: its wire fields, its own peer card, and what deleting it would remove (the
// same rows delete-peer removes), so the confirmation dialog can name them.
import type { DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { findPeer } from '../peers/ensure-peer';
import { asObject } from './activity-row';

export type PeerDetails = {
  id: string;
  metadata: Record<string, unknown>;
  configuration: Record<string, unknown>;
  createdAt: string;
  lastActiveAt: string;
  /** The peer's card about itself; null when it has none. */
  card: string[] | null;
  cardUpdatedAt: string | null;
  /** What a deletion removes. */
  footprint: { messages: number; conclusions: number; memberships: number; cards: number };
};

export async function getPeerDetails(db: DbClient, workspaceId: string, peerName: string): Promise<PeerDetails> {
  const peer = await findPeer(db, workspaceId, peerName);
  if (!peer || peer.kind !== 'peer') throw new NotFoundError(`Peer ${peerName} not found`);
  const [counts] = await db.$queryRaw<{ messages: number; conclusions: number; memberships: number; cards: number; last_message_at: Date | null }[]>`
    SELECT
      (SELECT count(*)::int FROM messages WHERE workspace_id = ${workspaceId} AND peer_id = ${peer.id}) AS messages,
      (SELECT count(*)::int FROM conclusions WHERE workspace_id = ${workspaceId}
         AND (observer_id = ${peer.id} OR observed_id = ${peer.id})) AS conclusions,
      (SELECT count(*)::int FROM session_peers sp JOIN sessions s ON s.id = sp.session_id AND s.deleted_at IS NULL
         WHERE sp.workspace_id = ${workspaceId} AND sp.peer_id = ${peer.id}) AS memberships,
      (SELECT count(*)::int FROM peer_cards WHERE workspace_id = ${workspaceId} AND (observer_id = ${peer.id} OR observed_id = ${peer.id})) AS cards,
      (SELECT max(created_at) FROM messages WHERE workspace_id = ${workspaceId} AND peer_id = ${peer.id}) AS last_message_at`;
  const card = await db.peerCard.findUnique({ where: { observerId_observedId: { observerId: peer.id, observedId: peer.id } } });
  const lastMessage = counts?.last_message_at ?? null;
  return {
    id: peer.name,
    metadata: asObject(peer.metadata),
    configuration: asObject(peer.configuration),
    createdAt: peer.createdAt.toISOString(),
    lastActiveAt: (lastMessage ?? peer.createdAt).toISOString(),
    card: card ? card.entries : null,
    cardUpdatedAt: card ? card.updatedAt.toISOString() : null,
    footprint: {
      messages: counts?.messages ?? 0,
      conclusions: counts?.conclusions ?? 0,
      memberships: counts?.memberships ?? 0,
      cards: counts?.cards ?? 0,
    },
  };
}
