// Wire schemas and routes of message search (docs/api.md#s3-8) and conclusion query (docs/api.md#s3-9): hybrid lexical + vector
// ranking fused by reciprocal rank fusion (docs/honcho-differences.md#hybrid-retrieval). Every search answers a bare array (docs/api.md#s7-4).
import { z } from 'zod';
import { cleanText, scopeId } from './common';
import { conclusionSchema } from './conclusions';
import { messageSchema } from './messages';
import { defineRoute, type RouteContract } from './route-contract';
import { existingPeerParam } from './sessions';
import { filtersField } from './workspaces';

export const SEARCH_LIMIT_DEFAULT = 10;
export const SEARCH_LIMIT_MAX = 100;

const query = cleanText.meta({
  description: 'Search text; may be empty (then the most recent matching messages). NUL is stripped; at most 8,192 tokens.',
});

export const messageSearchBodySchema = z
  .object({
    query,
    filters: filtersField.meta({
      description:
        'Message filter (workspace_id, session_id, peer_id, token_count, created_at, metadata; docs/api.md#s2). On the workspace ' +
        'route also `peer_perspective` (workspace credentials only). Keys the route forces are replaced.',
    }),
    limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).nullable().optional().meta({ description: '1–100, default 10.' }),
  })
  .meta({ id: 'MessageSearch' });

export const workspaceSearchBodySchema = messageSearchBodySchema
  .extend({
    scope: scopeId
      .nullable()
      .optional()
      .meta({ description: "Only the scope's member sessions; exclusive with a `session_id` filter; a scope without sessions finds nothing." }),
  })
  .meta({ id: 'WorkspaceMessageSearch' });

export const conclusionQueryBodySchema = z
  .object({
    query: cleanText.meta({ description: 'Search text (NUL stripped; at most 8,192 tokens).' }),
    top_k: z.number().int().min(1).max(100).nullable().optional().meta({ description: '1–100, default 10.' }),
    distance: z.number().min(0).max(1).nullable().optional().meta({ description: 'Cosine-distance cap on the vector leg only.' }),
    filters: filtersField.meta({
      description: 'Conclusion filter (docs/api.md#s2-4); MUST constrain both the observer (observer_id) and the observed (observed_id).',
    }),
  })
  .meta({ id: 'ConclusionQuery' });

const workspaceParams = z.object({ workspace_id: z.string() });
const WS = '/v3/workspaces/{workspace_id}';

export const searchWorkspaceRoute = defineRoute({
  id: 'searchWorkspace',
  method: 'POST',
  path: `${WS}/search`,
  auth: 'W',
  tag: 'Messages',
  summary: 'Search every message of the workspace',
  description: 'Hybrid full-text and vector ranking; best first, at most `limit`. An unknown workspace yields `[]`.',
  params: workspaceParams,
  body: workspaceSearchBodySchema,
  bodyRequired: true,
  response: z.array(messageSchema),
  status: 200,
});

export const searchSessionRoute = defineRoute({
  id: 'searchSession',
  method: 'POST',
  path: `${WS}/sessions/{session_id}/search`,
  auth: 'W/S+m',
  tag: 'Messages',
  summary: "Search a session's messages",
  params: workspaceParams.extend({ session_id: z.string() }),
  body: messageSearchBodySchema,
  bodyRequired: true,
  response: z.array(messageSchema),
  status: 200,
});

export const searchPeerRoute = defineRoute({
  id: 'searchPeer',
  method: 'POST',
  path: `${WS}/peers/{peer_id}/search`,
  auth: 'W/P',
  tag: 'Messages',
  summary: 'Search the messages a peer wrote',
  params: workspaceParams.extend({ peer_id: existingPeerParam('Peer id (messages it authored).') }),
  body: messageSearchBodySchema,
  bodyRequired: true,
  response: z.array(messageSchema),
  status: 200,
});

export const queryConclusionsRoute = defineRoute({
  id: 'queryConclusions',
  method: 'POST',
  path: `${WS}/conclusions/query`,
  auth: 'W',
  tag: 'Conclusions',
  summary: "Search one view's conclusions",
  description:
    'Hybrid ranking over live conclusions (docs/honcho-differences.md#hybrid-retrieval); `distance` bounds only the vector leg, so exact tokens are still found. ' +
    'The filters must name the observer and the observed.',
  params: workspaceParams,
  body: conclusionQueryBodySchema,
  bodyRequired: true,
  response: z.array(conclusionSchema),
  status: 200,
});

export const searchRoutes: readonly RouteContract[] = [searchWorkspaceRoute, searchSessionRoute, searchPeerRoute];
export const conclusionQueryRoutes: readonly RouteContract[] = [queryConclusionsRoute];
