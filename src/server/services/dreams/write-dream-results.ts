import 'server-only';
// The write half of a dream, inside the caller's (fenced) transaction: new deductive/inductive/contradiction
// conclusions through the shared conclusion writer, superseded facts marked (kept as history, not deleted: readers
// filter `superseded_at`), the card, and the view's dream bookkeeping. Conclusions deleted while the model ran are
// re-checked here, so a dream never cites or revives something the user removed.
import type { DbClient } from '@/server/db/client';
import { writeConclusions, type ConclusionDraft } from '../conclusions/write-conclusions';
import type { ConclusionVector } from '../conclusions/conclusion-embeddings';
import type { DreamView } from './load-dream-view';
import { MIN_SOURCES, type DreamPlan } from './plan-dream-results';

export type DreamWriteSummary = { created: number; reinforced: number; superseded: number; cardWritten: boolean };

export async function writeDreamResults(
  tx: DbClient,
  view: DreamView,
  plan: DreamPlan,
  vectors: readonly (ConclusionVector | null)[],
): Promise<DreamWriteSummary> {
  const referenced = [
    ...new Set([...plan.conclusions.flatMap((c) => c.sourceIds), ...plan.superseded.flatMap((s) => (s.byId ? [s.id, s.byId] : [s.id]))]),
  ];
  const stillLive = new Set(
    referenced.length === 0
      ? []
      : (
          await tx.conclusion.findMany({
            where: { id: { in: referenced }, workspaceId: view.workspaceId },
            select: { id: true },
          })
        ).map((row) => row.id),
  );

  // Planned index → id written (or reinforced), for supersessions that point at a new deduction.
  const writtenIds = new Map<number, string>();
  const drafts: { index: number; draft: ConclusionDraft }[] = [];
  plan.conclusions.forEach((planned, index) => {
    const sourceIds = planned.sourceIds.filter((id) => stillLive.has(id));
    if (sourceIds.length < MIN_SOURCES[planned.level]) return;
    drafts.push({
      index,
      draft: {
        observerId: view.observer.id,
        observedId: view.observed.id,
        sessionId: planned.sessionId,
        level: planned.level,
        origin: 'dream',
        content: planned.content,
        sourceIds,
        provenance: planned.provenance,
        embedding: vectors[index] ?? null,
      },
    });
  });
  const written = await writeConclusions(tx, view.workspaceId, drafts.map((d) => d.draft), { dedupe: true });
  written.forEach((result, i) => writtenIds.set(drafts[i]!.index, result.id));

  const now = new Date();
  let superseded = 0;
  for (const s of plan.superseded) {
    if (!stillLive.has(s.id)) continue;
    const byId = s.byId && stillLive.has(s.byId) ? s.byId : s.byPlanned !== null ? (writtenIds.get(s.byPlanned) ?? null) : null;
    if (byId === s.id) continue;
    const updated = await tx.conclusion.updateMany({
      where: { id: s.id, workspaceId: view.workspaceId, supersededAt: null },
      data: { supersededAt: now, supersededById: byId },
    });
    superseded += updated.count;
  }

  const cardWritten = view.cardCreate && plan.card !== null;
  if (cardWritten) {
    const key = { observerId: view.observer.id, observedId: view.observed.id };
    await tx.peerCard.upsert({
      where: { observerId_observedId: key },
      create: { ...key, workspaceId: view.workspaceId, entries: plan.card! },
      update: { entries: plan.card! },
    });
  }

  if (view.mode === 'omni') {
    // Subtract what this dream saw rather than zeroing: facts derived while the model ran count toward the next one.
    await tx.$executeRaw`
      INSERT INTO peer_views (workspace_id, observer_id, observed_id, explicit_since_dream, last_dream_at)
      VALUES (${view.workspaceId}, ${view.observer.id}, ${view.observed.id}, 0, ${now})
      ON CONFLICT (observer_id, observed_id) DO UPDATE
        SET last_dream_at = EXCLUDED.last_dream_at,
            explicit_since_dream = GREATEST(peer_views.explicit_since_dream - ${view.explicitSinceDream}, 0)`;
  }
  return {
    created: written.filter((w) => w.outcome === 'created').length,
    reinforced: written.filter((w) => w.outcome !== 'created').length,
    superseded,
    cardWritten,
  };
}
