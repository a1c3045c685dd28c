import 'server-only';
// The write half of derivation (docs/api.md#s5-1 to #s5-3), inside the handler's fenced transaction: each derived fact
// becomes an explicit conclusion in the (observer, sender) view of every observer recorded on the work items, with
// de-duplication, message links and provenance; then the views' dream bookkeeping (peer_views) is updated for the
// automatic-dream scheduler. Facts whose source messages were all deleted meanwhile, and observers deleted
// meanwhile, are dropped here, inside the transaction, so a concurrent delete never resurrects data (docs/honcho-differences.md#deletion-and-export).
import type { DbClient } from '@/server/db/client';
import type { ConclusionVector } from './conclusion-embeddings';
import { writeConclusions } from './write-conclusions';

export type DerivedFactDraft = { content: string; messageIds: readonly string[]; embedding: ConclusionVector | null };

export type DerivationWrite = {
  workspaceId: string;
  sessionId: string;
  /** Internal id of the observed peer (the messages' author). */
  senderId: string;
  /** Internal ids of the observers, as recorded at message-write time. */
  observerIds: readonly string[];
  facts: readonly DerivedFactDraft[];
  /** The target messages of this write (public ids); the latest one's time is the view's last activity. */
  targetMessageIds: readonly string[];
};

export type DerivationTally = { created: number; reinforced: number; merged: number; observers: number };

export async function recordDerivedConclusions(tx: DbClient, write: DerivationWrite): Promise<DerivationTally> {
  const tally: DerivationTally = { created: 0, reinforced: 0, merged: 0, observers: 0 };
  const allIds = [...new Set([...write.targetMessageIds, ...write.facts.flatMap((f) => f.messageIds)])];
  const liveMessages = await tx.$queryRaw<{ id: string; created_at: Date }[]>`
    SELECT id, created_at FROM messages
    WHERE id = ANY(${allIds}::text[]) AND session_id = ${write.sessionId}`;
  const createdAt = new Map(liveMessages.map((m) => [m.id, m.created_at]));
  const [session] = await tx.$queryRaw<{ id: string }[]>`
    SELECT s.id FROM sessions s JOIN peers p ON p.id = ${write.senderId} AND p.deleted_at IS NULL
    WHERE s.id = ${write.sessionId} AND s.deleted_at IS NULL`;
  if (!session || liveMessages.length === 0) return tally;
  // Scopes observe by current membership, not by the list recorded at write time: one removed since the message was
  // written learns nothing, and one added since learns from a derivation that finishes after its backfill ran (the
  // backfill copies only what existed then).
  const observers = (
    await tx.$queryRaw<{ id: string }[]>`
      SELECT p.id FROM peers p
      WHERE p.id = ANY(${[...write.observerIds]}::text[]) AND p.deleted_at IS NULL AND p.kind = 'peer'
      UNION
      SELECT sp.peer_id FROM session_peers sp JOIN peers p ON p.id = sp.peer_id AND p.kind = 'scope' AND p.deleted_at IS NULL
      WHERE sp.session_id = ${write.sessionId} AND sp.left_at IS NULL AND sp.observe_others IS TRUE`
  ).map((row) => row.id);
  const liveObservers = [
    ...write.observerIds.filter((id) => observers.includes(id)),
    ...observers.filter((id) => !write.observerIds.includes(id)).sort(),
  ];

  const drafts = write.facts.flatMap((fact) => {
    const sources = fact.messageIds.filter((id) => createdAt.has(id));
    if (sources.length === 0) return [];
    const latest = sources.map((id) => createdAt.get(id)!).reduce((a, b) => (a > b ? a : b));
    return [{ ...fact, messageIds: sources, messageCreatedAt: latest }];
  });
  const activityAt = write.targetMessageIds
    .flatMap((id) => (createdAt.has(id) ? [createdAt.get(id)!] : []))
    .reduce<Date | null>((a, b) => (a && a > b ? a : b), null);

  for (const observerId of liveObservers) {
    const written = await writeConclusions(
      tx,
      write.workspaceId,
      drafts.map((fact) => ({
        observerId,
        observedId: write.senderId,
        sessionId: write.sessionId,
        level: 'explicit' as const,
        origin: 'deriver' as const,
        content: fact.content,
        messageIds: fact.messageIds,
        messageCreatedAt: fact.messageCreatedAt,
        embedding: fact.embedding,
      })),
      { dedupe: true },
    );
    const created = written.filter((w) => w.outcome === 'created').length;
    tally.created += created;
    tally.reinforced += written.filter((w) => w.outcome === 'reinforced').length;
    tally.merged += written.filter((w) => w.outcome === 'merged').length;
    tally.observers += 1;
    await tx.$executeRaw`
      INSERT INTO peer_views (workspace_id, observer_id, observed_id, explicit_since_dream, last_observed_activity)
      VALUES (${write.workspaceId}, ${observerId}, ${write.senderId}, ${created}, ${activityAt})
      ON CONFLICT (observer_id, observed_id) DO UPDATE
        SET explicit_since_dream = peer_views.explicit_since_dream + EXCLUDED.explicit_since_dream,
            last_observed_activity = GREATEST(peer_views.last_observed_activity, EXCLUDED.last_observed_activity)`;
  }
  return tally;
}
