// Wire schemas and routes of session context and summaries (docs/api.md#s3-7, docs/honcho-differences.md#context-budget).
import { z } from 'zod';
import { queryArray, queryBoolean, queryInt, scopeId } from './common';
import { messageSchema } from './messages';
import { queryFloat } from './representation';
import { defineRoute, type RouteContract } from './route-contract';

export const CONTEXT_MAX_TOKENS = 100_000;

export const summarySchema = z
  .object({
    content: z.string(),
    message_id: z.string().meta({ description: 'Id of the last message covered.' }),
    summary_type: z.enum(['honcho_chat_summary_short', 'honcho_chat_summary_long']),
    created_at: z.string().meta({ description: 'RFC 3339 UTC, no fractional seconds.' }),
    token_count: z.number().int(),
  })
  .meta({ id: 'Summary' });

export const sessionContextQuerySchema = z.object({
  tokens: queryInt(1, CONTEXT_MAX_TOKENS).optional().meta({ description: 'Budget for all parts together; default 100,000.' }),
  summary: queryBoolean.optional().meta({ description: 'Include a summary if one fits (default true).' }),
  peer_target: z.string().optional(),
  peer_perspective: z.string().optional().meta({ description: 'Observer; requires peer_target.' }),
  search_query: z.string().transform((s) => s.replace(/\u0000/g, '')).optional(),
  search_top_k: queryInt(1, 100).optional(),
  search_max_distance: queryFloat(0, 1).optional(),
  include_most_frequent: queryBoolean.optional(),
  max_conclusions: queryInt(1, 100).optional().meta({ description: 'Default 100.' }),
  limit_to_session: queryBoolean.optional(),
  sessions: queryArray(z.string()).optional().meta({ description: 'Session allowlist for the representation (repeated key).' }),
  scope: scopeId.optional().meta({
    description: 'Read the representation and card through this scope (it is the observer); requires `peer_target`, excludes `peer_perspective`, `sessions` and `limit_to_session`.',
  }),
});

export const sessionContextSchema = z
  .object({
    id: z.string(),
    messages: z.array(messageSchema),
    summary: summarySchema.nullable(),
    peer_representation: z.string().nullable(),
    peer_card: z.array(z.string()).nullable(),
  })
  .meta({ id: 'SessionContext' });

export const sessionSummariesSchema = z
  .object({ id: z.string(), short_summary: summarySchema.nullable(), long_summary: summarySchema.nullable() })
  .meta({ id: 'SessionSummaries' });

const sessionParams = z.object({ workspace_id: z.string(), session_id: z.string() });
const SESSION = '/v3/workspaces/{workspace_id}/sessions/{session_id}';

export const getSessionContextRoute = defineRoute({
  id: 'getSessionContext',
  method: 'GET',
  path: `${SESSION}/context`,
  auth: 'W/S+m',
  tag: 'Sessions',
  summary: 'Messages, summary, representation and card within a token budget',
  description:
    'summary + representation + card + messages never exceed `tokens` (docs/honcho-differences.md#context-budget). A session that does not exist yields ' +
    'empty messages and no summary.',
  params: sessionParams,
  query: sessionContextQuerySchema,
  response: sessionContextSchema,
  status: 200,
});

export const getSessionSummariesRoute = defineRoute({
  id: 'getSessionSummaries',
  method: 'GET',
  path: `${SESSION}/summaries`,
  auth: 'W/S+m',
  tag: 'Sessions',
  summary: 'The latest short and long summaries',
  params: sessionParams,
  response: sessionSummariesSchema,
  status: 200,
});

export const contextRoutes: readonly RouteContract[] = [getSessionContextRoute, getSessionSummariesRoute];
