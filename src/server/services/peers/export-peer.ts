import 'server-only';
// GET …/peers/{peer}/export (docs/api.md#s3-15): everything stored about one peer as a `rapport.peer-export/1`
// document: the peer, its memberships, the messages it authored, the conclusions about it and held by it, and the
// peer cards it holds or that are held about it. Deleted sessions, messages and conclusions never appear.
import { PEER_EXPORT_FORMAT, type PeerExport } from '@/contracts/peers';
import type { Conclusion } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { messageToWire, peerToWire, wireTimestamp } from '../wire-format';
import { findWorkspace } from '../workspaces/ensure-workspace';
import { findPeer } from './ensure-peer';

type ConclusionWithNames = Conclusion & {
  observer: { name: string };
  observed: { name: string };
  session: { name: string } | null;
};

function conclusionToWire(c: ConclusionWithNames) {
  return {
    id: c.id,
    content: c.content,
    observer_id: c.observer.name,
    observed_id: c.observed.name,
    session_id: c.session?.name ?? null,
    level: c.level,
    source_ids: c.sourceIds,
    times_derived: c.timesDerived,
    created_at: wireTimestamp(c.createdAt),
  };
}

const CONCLUSION_NAMES = {
  observer: { select: { name: true } },
  observed: { select: { name: true } },
  session: { select: { name: true } },
} as const;

export async function exportPeer(workspaceName: string, peerName: string): Promise<PeerExport> {
  const db = getDb();
  const workspace = await findWorkspace(db, workspaceName);
  const peer = workspace && (await findPeer(db, workspace.id, peerName));
  if (!workspace || !peer) throw new NotFoundError(`Peer ${peerName} not found`);
  const exportedAt = new Date();

  const memberships = await db.sessionPeer.findMany({
    where: { workspaceId: workspace.id, peerId: peer.id, session: { deletedAt: null } },
    include: { session: { select: { name: true } } },
    orderBy: [{ createdAt: 'asc' }, { sessionId: 'asc' }],
  });
  const messages = await db.message.findMany({
    where: { workspaceId: workspace.id, peerId: peer.id, session: { deletedAt: null } },
    include: { session: { select: { name: true } } },
    orderBy: { insertedOrder: 'asc' },
  });
  const liveConclusion = { workspaceId: workspace.id };
  const aboutPeer = await db.conclusion.findMany({
    where: { ...liveConclusion, observedId: peer.id },
    include: CONCLUSION_NAMES,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const heldByPeer = await db.conclusion.findMany({
    where: { ...liveConclusion, observerId: peer.id, observedId: { not: peer.id } },
    include: CONCLUSION_NAMES,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const cards = await db.peerCard.findMany({
    where: { workspaceId: workspace.id, OR: [{ observerId: peer.id }, { observedId: peer.id }] },
    include: { observer: { select: { name: true, deletedAt: true } }, observed: { select: { name: true, deletedAt: true } } },
    orderBy: [{ observerId: 'asc' }, { observedId: 'asc' }],
  });

  const peerCards: PeerExport['peer_cards'] = { self: [], about_others: {}, held_by_others: {} };
  for (const card of cards) {
    if (card.observerId === peer.id && card.observedId === peer.id) peerCards.self = card.entries;
    else if (card.observerId === peer.id) {
      if (!card.observed.deletedAt) peerCards.about_others[card.observed.name] = card.entries;
    } else if (!card.observer.deletedAt) peerCards.held_by_others[card.observer.name] = card.entries;
  }

  return {
    format: PEER_EXPORT_FORMAT,
    exported_at: wireTimestamp(exportedAt),
    workspace_id: workspace.name,
    peer: peerToWire(peer, workspace.name),
    memberships: memberships.map((m) => ({
      session_id: m.session.name,
      joined_at: wireTimestamp(m.joinedAt),
      left_at: m.leftAt ? wireTimestamp(m.leftAt) : null,
      configuration: { observe_me: m.observeMe, observe_others: m.observeOthers },
    })),
    messages: messages.map((m) => messageToWire(m, { workspace: workspace.name, session: m.session.name, peer: peer.name })),
    conclusions: { about_peer: aboutPeer.map(conclusionToWire), held_by_peer: heldByPeer.map(conclusionToWire) },
    peer_cards: peerCards,
  };
}
