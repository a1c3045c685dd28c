import 'server-only';
// Background work: ask for a dream (consolidation of a peer's conclusions) and see what the queue still has to do.
import { z } from 'zod';
import { scheduleDreamBody, scheduleDreamRoute } from '@/contracts/dreams';
import { getQueueStatusRoute, queueStatusQuery } from '@/contracts/queue';
import { defineTool, resolveWorkspace, workspaceArg } from '../mcp-tool';

const dream = scheduleDreamBody.shape;
const queue = queueStatusQuery.shape;

export const systemTools = [
  defineTool({
    name: 'schedule_dream',
    description: "Queue a dream: consolidate what observer knows about observed (default itself), or only refresh its card.",
    input: z.object({
      workspace_id: workspaceArg,
      observer: dream.observer,
      observed: dream.observed,
      dream_type: dream.dream_type.optional().meta({ description: '`omni` (default): deduction, induction and the card; `card_refresh`: the card only.' }),
      session_id: dream.session_id,
    }),
    run: (args, ctx) =>
      ctx.call(scheduleDreamRoute, {
        params: { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id) },
        body: { observer: args.observer, observed: args.observed, dream_type: args.dream_type ?? 'omni', session_id: args.session_id },
      }),
  }),
  defineTool({
    name: 'get_queue_status',
    description: 'How much background work (derivation, summaries, dreams) is pending or running, optionally for one peer or session.',
    input: z.object({ workspace_id: workspaceArg, observer_id: queue.observer_id, sender_id: queue.sender_id, session_id: queue.session_id }),
    run: (args, ctx) =>
      ctx.call(getQueueStatusRoute, {
        params: { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id) },
        query: { observer_id: args.observer_id, sender_id: args.sender_id, session_id: args.session_id },
      }),
  }),
];
