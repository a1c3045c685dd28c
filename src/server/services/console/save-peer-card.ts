import 'server-only';
// The console's peer-card editor: replaces the peer's own card through the same service as
// `PUT …/peers/{peer}/card` (no target). Unlike that route, the console never creates a peer (an unknown one is
// NOT_FOUND), and it trims entries and drops blank lines, since a card edited in text boxes should not keep
// accidental empty rows.
import { stripNul } from '@/contracts/common';
import type { Db } from '@/server/db/client';
import { setPeerCard } from '../cards/set-peer-card';
import { requirePeer } from '../peers/ensure-peer';

export function cleanCardEntries(entries: readonly string[]): string[] {
  return entries.map((e) => stripNul(e).trim()).filter((e) => e.length > 0);
}

export async function savePeerCard(db: Db, workspace: { id: string; name: string }, peerName: string, entries: readonly string[]): Promise<string[]> {
  await requirePeer(db, workspace.id, peerName);
  const saved = await setPeerCard({ workspace: workspace.name, peer: peerName }, undefined, cleanCardEntries(entries), db);
  return saved.peer_card;
}
