import 'server-only';
// Job handler of `dream` work items (docs/api.md#s5-6): read the view, run the dreamer and the embedder outside any
// transaction, then write every result and complete the item in one fenced transaction, so a crash or a lost lease
// never leaves half a dream behind. A dream about peers that do not exist, or that configuration switched off,
// completes without output.
//
// Failures throw: a model answer that cannot be used (ModelOutputError) or a transient provider error is retried by
// the queue with backoff until the item becomes failed with that message; a provider error that will fail the same
// way every time (ModelCallError with retryable=false: bad key, unknown model) fails the item at once.
import type { ClaimedItem, JobContext, JobHandler } from '../job-types';
import { embeddingInput, type ConclusionVector } from '@/server/services/conclusions/conclusion-embeddings';
import { loadDreamView } from '@/server/services/dreams/load-dream-view';
import { planDreamResults, type DreamPlan } from '@/server/services/dreams/plan-dream-results';
import { writeDreamResults } from '@/server/services/dreams/write-dream-results';

async function dreamOne(item: ClaimedItem, ctx: JobContext): Promise<void> {
  const view = await loadDreamView(ctx.db, item);
  if ('skipped' in view) {
    ctx.log('dream skipped', { item: String(item.id), reason: view.skipped });
    await ctx.db.$transaction((tx) => ctx.complete(tx, [item]));
    return;
  }
  // Nothing to consolidate and no card to refresh: record the dream without asking a model to invent something.
  const idle = view.conclusions.length === 0 && (view.mode === 'omni' || view.card === null);
  let plan: DreamPlan = { conclusions: [], superseded: [], card: null };
  if (!idle) {
    const output = await ctx.engines.dreamer.dream({
      observerPeerId: view.observer.name,
      observedPeerId: view.observed.name,
      conclusions: view.conclusions,
      card: view.card,
      mode: view.mode,
      signal: ctx.signal,
    });
    plan = planDreamResults(output, view.conclusions, view.mode);
  }

  const vectors = await embed(plan.conclusions.map((c) => c.content), ctx);
  const summary = await ctx.db.$transaction(async (tx) => {
    const written = await writeDreamResults(tx, view, plan, vectors);
    await ctx.complete(tx, [item]);
    return written;
  });
  ctx.log('dream completed', { item: String(item.id), mode: view.mode, engine: ctx.engines.dreamer.engine, ...summary });
}

async function embed(texts: string[], ctx: JobContext): Promise<(ConclusionVector | null)[]> {
  if (texts.length === 0) return [];
  const { embedder } = ctx.engines;
  const values = await embedder.embed(texts.map((t) => embeddingInput(t, embedder.maxInputTokens)), ctx.signal);
  return values.map((v) => ({ model: embedder.engine, values: v }));
}

export const dreamHandler: JobHandler = {
  kind: 'dream',
  // One dream per claim: each is a whole pass over the view, and two queued dreams of one view should see each
  // other's results rather than run on the same snapshot.
  maxBatch: 1,
  async run(items, ctx) {
    for (const item of items) await dreamOne(item, ctx);
  },
};
