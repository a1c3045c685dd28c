// Wire schema and route of GET …/queue/status (docs/api.md#s3-12, docs/honcho-differences.md#derivation-latency).
import { z } from 'zod';
import { defineRoute, type RouteContract } from './route-contract';
import { existingIdParam } from './workspaces';

const count = z.number().int().min(0);

const statusCounts = {
  total_work_units: count.meta({ description: 'Sum of the four states below.' }),
  completed_work_units: count,
  in_progress_work_units: count,
  pending_work_units: count.meta({ description: 'Waiting, including the debounce window and retry backoff.' }),
  failed_work_units: count.meta({ description: 'Gave up after retries (Rapport addition, docs/honcho-differences.md#derivation-latency); never part of completed.' }),
};

export const sessionQueueStatusSchema = z
  .object({ session_id: z.string().nullable(), ...statusCounts })
  .meta({ id: 'SessionQueueStatus' });

export const queueStatusSchema = z
  .object({
    ...statusCounts,
    sessions: z
      .record(z.string(), sessionQueueStatusSchema)
      .nullable()
      .meta({ description: 'Per-session breakdown keyed by session id; null with `session_id` or when no item is session-bound.' }),
  })
  .meta({
    id: 'QueueStatus',
    example: {
      total_work_units: 4, completed_work_units: 2, in_progress_work_units: 1, pending_work_units: 1, failed_work_units: 0,
      sessions: {
        s1: { session_id: 's1', total_work_units: 4, completed_work_units: 2, in_progress_work_units: 1, pending_work_units: 1, failed_work_units: 0 },
      },
    },
  });

export type WireQueueStatus = z.infer<typeof queueStatusSchema>;
export type WireSessionQueueStatus = z.infer<typeof sessionQueueStatusSchema>;

/** Empty strings count as absent (docs/api.md#s3-12): the SDK and hand-written clients send `observer_id=` for "any". */
const optionalId = (description: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value ? value : undefined))
    .meta({ description });

export const queueStatusQuery = z.object({
  observer_id: optionalId('Only items this peer observes (derivation observers, dream observer).'),
  sender_id: optionalId('Only items whose message author (or dream observed peer) is this peer. With observer_id: either matches.'),
  session_id: optionalId('Only this session\'s items; `sessions` is then null.'),
});

export const getQueueStatusRoute = defineRoute({
  id: 'getQueueStatus',
  method: 'GET',
  path: '/v3/workspaces/{workspace_id}/queue/status',
  auth: 'W',
  tag: 'Workspaces',
  summary: 'Background work status',
  description:
    'Counts derivation, summary and dream work items by state: pending (including the debounce window) → ' +
    'in_progress → completed or failed. Items, not batches, are counted. Finished items count while retained ' +
    '(completed 24 h, failed 30 days by default). An unknown workspace, peer or session yields zeros.',
  params: z.object({ workspace_id: existingIdParam('Workspace id.') }),
  query: queueStatusQuery,
  response: queueStatusSchema,
  status: 200,
});

export const queueRoutes: readonly RouteContract[] = [getQueueStatusRoute];
