import 'server-only';
// Job handler of `backfill` work items: one item per scope membership change (scope-membership.ts), run one at a
// time per (scope, session) unit so an add and a later removal apply in order. The work is one transaction that also
// completes the item. The last allowed attempt records `failed` on the session's scope status before giving up, so a
// failure is visible on the wire rather than leaving it `pending` forever.
import { markScopeWorkFailed, copySessionIntoScope, removeSessionFromScopeView } from '@/server/services/scopes/scope-view-sync';
import type { ScopeWorkPayload } from '@/server/services/scopes/scope-membership';
import { LeaseLostError, type ClaimedItem, type JobContext, type JobHandler } from '../job-types';

async function runOne(item: ClaimedItem, ctx: JobContext): Promise<void> {
  const payload = item.payload as Partial<ScopeWorkPayload>;
  const scopePeerId = typeof payload.scope_peer_id === 'string' ? payload.scope_peer_id : null;
  if (!scopePeerId || !item.sessionId) {
    await ctx.db.$transaction((tx) => ctx.fail(tx, item, 'Scope work item without scope or session'));
    return;
  }
  const sessionId = item.sessionId;
  try {
    const outcome = await ctx.db.$transaction(async (tx) => {
      const count =
        payload.action === 'remove'
          ? await removeSessionFromScopeView(tx, scopePeerId, sessionId)
          : await copySessionIntoScope(tx, scopePeerId, sessionId);
      await ctx.complete(tx, [item]);
      return count;
    });
    ctx.log(`scope ${payload.action} completed`, { conclusions: outcome ?? 'skipped: membership changed since' });
  } catch (error) {
    if (error instanceof LeaseLostError || item.attempts < item.maxAttempts) throw error;
    const message = error instanceof Error ? error.message : String(error);
    await ctx.db.$transaction(async (tx) => {
      await markScopeWorkFailed(tx, scopePeerId, sessionId);
      await ctx.fail(tx, item, message);
    });
  }
}

export const scopeBackfillHandler: JobHandler = {
  kind: 'backfill',
  maxBatch: 1,
  async run(items, ctx) {
    for (const item of items) await runOne(item, ctx);
  },
};
