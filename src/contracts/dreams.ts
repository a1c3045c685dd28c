// Wire schema and route of POST …/schedule_dream (docs/api.md#s3-12; background semantics docs/api.md#s5-6).
import { z } from 'zod';
import { peerId, sessionId } from './common';
import { defineRoute, type RouteContract } from './route-contract';
import { existingIdParam } from './workspaces';

export const DREAM_TYPES = ['omni', 'card_refresh'] as const;
export type DreamType = (typeof DREAM_TYPES)[number];

export const DREAMS_DISABLED_DETAIL = 'Dreams are not enabled in the system configuration';

export const scheduleDreamBody = z.object({
  observer: peerId.meta({ description: 'Peer whose view is consolidated.' }),
  observed: peerId
    .nullable()
    .optional()
    .meta({ description: 'Peer the view is about; defaults to `observer`. Scopes are not accepted (422).' }),
  dream_type: z.enum(DREAM_TYPES).meta({ description: '`omni`: deduction and induction passes plus the card; `card_refresh`: card only.' }),
  session_id: sessionId.nullable().optional().meta({ description: 'Session the dream is associated with, if any.' }),
  rebuild: z
    .boolean()
    .nullable()
    .optional()
    .meta({ description: '`card_refresh` only: rebuild the card ignoring the existing one. Default false.' }),
});

export type ScheduleDreamInput = z.output<typeof scheduleDreamBody>;

export const scheduleDreamRoute = defineRoute({
  id: 'scheduleDream',
  method: 'POST',
  path: '/v3/workspaces/{workspace_id}/schedule_dream',
  auth: 'W',
  tag: 'Workspaces',
  summary: 'Schedule a dream',
  description:
    'Queues a consolidation run for the (observer, observed) view at once, bypassing the automatic thresholds. A ' +
    'no-op when an identical dream is already pending or running. Peers are not validated: a dream about peers ' +
    'that do not exist completes without output. 400 when dreams are disabled on this server.',
  params: z.object({ workspace_id: existingIdParam('Workspace id; must exist.') }),
  body: scheduleDreamBody,
  bodyRequired: true,
  status: 204,
  extraResponses: { 400: { description: DREAMS_DISABLED_DETAIL } },
});

export const dreamsRoutes: readonly RouteContract[] = [scheduleDreamRoute];
