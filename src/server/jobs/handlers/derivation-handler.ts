import 'server-only';
// Job handler of `derivation` work items (docs/api.md#s5-1 to #s5-3): one item per observed message, one unit per
// (session, sender). For each segment of the claim (one configuration, one observer list; derivation-batch.ts) the
// deriver and the embedder run outside any transaction, then the conclusions, their links and embeddings, the views'
// bookkeeping and the items' completion are written in one fenced transaction — a crash or a lost lease rolls all of
// it back, so nothing is duplicated and nothing skipped.
//
// Failures throw: the queue retries with backoff and finally marks the items failed with the error text (docs/honcho-differences.md#derivation-latency); a
// provider error that will fail the same way every time (ModelCallError, retryable=false) fails them at once.
import { CONCLUSION_CONTENT_MAX_CHARS } from '@/contracts/conclusions';
import type { DerivedFact } from '@/server/models/engine-types';
import { embeddingInput } from '@/server/services/conclusions/conclusion-embeddings';
import { recordDerivedConclusions, type DerivedFactDraft } from '@/server/services/conclusions/record-derived-conclusions';
import type { ClaimedItem, JobContext, JobHandler } from '../job-types';
import { loadDerivationBatch, type DerivationCall, type DerivationSegment } from './derivation-batch';

const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 60_000 } as const;

/** The deriver's facts, cleaned: trimmed, non-empty, bounded, and attributed only to this call's targets. */
export function usableFacts(facts: readonly DerivedFact[], call: DerivationCall): { content: string; messageIds: string[] }[] {
  const targetIds = call.targets.map((t) => t.id);
  const seen = new Set<string>();
  return facts.flatMap((fact) => {
    const content = typeof fact.content === 'string' ? fact.content.trim().slice(0, CONCLUSION_CONTENT_MAX_CHARS) : '';
    if (!content || seen.has(content.toLowerCase())) return [];
    seen.add(content.toLowerCase());
    const cited = (fact.sourceMessageIds ?? []).filter((id) => targetIds.includes(id));
    // A fact the model did not attribute is kept with every target of its call, so it lives while any of them does.
    return [{ content, messageIds: cited.length > 0 ? [...new Set(cited)] : targetIds }];
  });
}

async function deriveSegment(
  segment: DerivationSegment,
  batch: { sessionId: string; sender: { id: string; name: string } },
  ctx: JobContext,
): Promise<void> {
  const facts: { content: string; messageIds: string[] }[] = [];
  for (const call of segment.calls) {
    const derived = await ctx.engines.deriver.derive({
      observedPeerId: batch.sender.name,
      observerPeerId: batch.sender.name,
      targetMessages: call.targets,
      contextMessages: call.context,
      customInstructions: segment.customInstructions,
      signal: ctx.signal,
    });
    facts.push(...usableFacts(derived, call));
  }

  const { embedder } = ctx.engines;
  const vectors = facts.length
    ? await embedder.embed(facts.map((f) => embeddingInput(f.content, embedder.maxInputTokens)), ctx.signal)
    : [];
  if (vectors.length !== facts.length) {
    throw new Error(`${embedder.engine}: returned ${vectors.length} embeddings for ${facts.length} texts`);
  }
  const drafts: DerivedFactDraft[] = facts.map((fact, i) => ({ ...fact, embedding: { model: embedder.engine, values: vectors[i]! } }));

  const workspaceId = segment.items[0]!.workspaceId;
  const tally = await ctx.db.$transaction(async (tx) => {
    const written = await recordDerivedConclusions(tx, {
      workspaceId,
      sessionId: batch.sessionId,
      senderId: batch.sender.id,
      observerIds: segment.observerIds,
      facts: drafts,
      targetMessageIds: segment.calls.flatMap((call) => call.targets.map((t) => t.id)),
    });
    await ctx.complete(tx, segment.items);
    return written;
  }, TRANSACTION_OPTIONS);
  ctx.log('derivation completed', {
    items: segment.items.length,
    calls: segment.calls.length,
    facts: facts.length,
    engine: ctx.engines.deriver.engine,
    ...tally,
  });
}

async function run(items: readonly ClaimedItem[], ctx: JobContext): Promise<void> {
  const batch = await loadDerivationBatch(items, ctx);
  if (batch.kind === 'gone') {
    ctx.log('derivation skipped', { items: items.length, reason: batch.reason });
    await ctx.db.$transaction((tx) => ctx.complete(tx, items));
    return;
  }
  if (batch.skipped.length > 0) {
    // Their messages were deleted after the items were recorded: nothing to derive, nothing to retry.
    await ctx.db.$transaction((tx) => ctx.complete(tx, batch.skipped));
  }
  // Segment by segment, each committed on its own: a failure later in the claim keeps the earlier work.
  for (const segment of batch.segments) await deriveSegment(segment, batch, ctx);
}

export const derivationHandler: JobHandler = {
  kind: 'derivation',
  // Roughly a debounce window's burst of one sender; long batches are split into ~1,024-token calls anyway.
  maxBatch: 50,
  run,
};
