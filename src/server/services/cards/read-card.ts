import 'server-only';
// A peer card is always stored on the observer (docs/api.md#s3-10, #s5-5): (observer, observed) → entries; a
// self card is (peer, peer). Null when none exists. `peer_card.use: false` (session ← workspace) withholds cards
// from context reads.
import type { DbClient } from '@/server/db/client';

export async function readCard(db: DbClient, observerId: string, observedId: string): Promise<string[] | null> {
  const card = await db.peerCard.findUnique({ where: { observerId_observedId: { observerId, observedId } }, select: { entries: true } });
  return card ? card.entries : null;
}

/** Effective `peer_card.use` (default true, docs/api.md#s1-5); `layers` most specific first (session, workspace). Context reads and chat both ask it. */
export function cardUseEnabled(layers: readonly unknown[]): boolean {
  for (const layer of layers) {
    if (!layer || typeof layer !== 'object' || Array.isArray(layer)) continue;
    const section = (layer as Record<string, unknown>).peer_card;
    if (!section || typeof section !== 'object' || Array.isArray(section)) continue;
    const use = (section as Record<string, unknown>).use;
    if (typeof use === 'boolean') return use;
  }
  return true;
}
