import 'server-only';
// Background work of an app: the queue status counts (the /v3 queue/status numbers), the items themselves by status
// and kind with their full error text, retrying a failed item, and scheduling a dream for a view.
import { queueItemInput, queueListInput, scheduleDreamInput } from '@/contracts/console-memory';
import { dreamsEnabledGlobally } from '@/server/config/dream-config';
import { scheduleDream } from '@/server/services/dreams/schedule-dream';
import { requirePeer } from '@/server/services/peers/ensure-peer';
import { countHousekeeping } from '@/server/services/queue/count-housekeeping';
import { getQueueStatus } from '@/server/services/queue/get-queue-status';
import { listWorkItems } from '@/server/services/queue/list-work-items';
import { retryWorkItem } from '@/server/services/queue/retry-work-item';
import { DATA_AUDIT_ACTIONS } from '@/server/services/audit/data-change-audit';
import { appProcedure } from '../app-procedure';
import { auditConsoleChange } from '../audit-change';
import { router } from '../init';
import { dreamScheduledOutput, queueStatusOutput, workItemOutput, workItemPageOutput } from '@/contracts/console-memory-outputs';

export const queueRouter = router({
  status: appProcedure.output(queueStatusOutput).query(async ({ ctx }) => {
    const [{ sessions: _sessions, ...counts }, housekeeping] = await Promise.all([getQueueStatus(ctx.workspace.name), countHousekeeping(ctx.db, ctx.workspace.id)]);
    return { counts, housekeeping, dreamsEnabled: dreamsEnabledGlobally() };
  }),
  list: appProcedure.input(queueListInput).output(workItemPageOutput).query(({ ctx, input }) =>
    listWorkItems({ workspaceId: ctx.workspace.id, status: input.status, kind: input.kind, category: input.category ?? 'reasoning', page: input.page, size: input.size }, ctx.db),
  ),
  retry: appProcedure.input(queueItemInput).output(workItemOutput).mutation(({ ctx, input }) => retryWorkItem(ctx.workspace.id, input.id, ctx.db)),
  scheduleDream: appProcedure.input(scheduleDreamInput).output(dreamScheduledOutput).mutation(async ({ ctx, input }) => {
    // The API accepts dreams about peers that do not exist yet; the console only offers real ones.
    await requirePeer(ctx.db, ctx.workspace.id, input.observer);
    if (input.observed) await requirePeer(ctx.db, ctx.workspace.id, input.observed);
    const scheduled = await scheduleDream(ctx.workspace.name, { observer: input.observer, observed: input.observed ?? null, dream_type: 'omni' });
    await auditConsoleChange(ctx, DATA_AUDIT_ACTIONS.dreamScheduled, input.observer, { observed: input.observed ?? input.observer, dream_type: 'omni' });
    return scheduled;
  }),
});
