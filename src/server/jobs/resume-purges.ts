import 'server-only';
// Sweep task: finishes purges a crash interrupted. A session or peer marked deleted (delete-session.ts,
// delete-peer.ts) is normally purged by the request that deleted it; one still marked a while later belongs to a
// process that died midway. Purging is idempotent, so two workers (or a worker and a slow request) finishing the same
// one only repeat empty statements.
import type { PurgeDb } from '@/server/db/purge-db';
import { purgeDeletedPeer } from '@/server/services/peers/purge-peer';
import { purgeDeletedSession } from '@/server/services/sessions/purge-session';

/** How long a request gets to finish its own purge before the sweeper takes over. */
export const PURGE_GRACE_MS = 60_000;
/** Sessions and peers finished per tick each; the rest wait for the next tick. */
const PER_TICK = 5;

export async function resumePurges(db: PurgeDb, now: Date): Promise<{ sessions: number; peers: number }> {
  const before = new Date(now.getTime() - PURGE_GRACE_MS);
  const sessions = await db.$queryRaw<{ id: string; workspace_id: string }[]>`
    SELECT id, workspace_id FROM sessions WHERE deleted_at IS NOT NULL AND deleted_at < ${before}
    ORDER BY deleted_at LIMIT ${PER_TICK}`;
  for (const s of sessions) await purgeDeletedSession(db, s.workspace_id, s.id);
  const peers = await db.$queryRaw<{ id: string; workspace_id: string }[]>`
    SELECT id, workspace_id FROM peers WHERE deleted_at IS NOT NULL AND deleted_at < ${before}
    ORDER BY deleted_at LIMIT ${PER_TICK}`;
  for (const p of peers) await purgeDeletedPeer(db, p.workspace_id, p.id);
  return { sessions: sessions.length, peers: peers.length };
}
