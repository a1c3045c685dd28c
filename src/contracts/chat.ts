// Wire schemas and routes of the dialectic (docs/api.md#s3-11): peer chat and workspace chat, answered as one JSON
// body or as a server-sent-event stream. The session allowlist form of `filters` (docs/api.md#s2-6) lives here too, because chat
// is its first user; representation reads the same shape.
import { z } from 'zod';
import { ID_PATTERN, resourceId, timestamp } from './common';
import { defineRoute, type RouteContract } from './route-contract';
import { scopeOption } from './scope-option';
import { existingIdParam } from './workspaces';

export const CHAT_QUERY_MAX_CHARS = 10_000;
export const SESSION_ALLOWLIST_MAX = 1_000;

export const REASONING_LEVELS = ['minimal', 'low', 'medium', 'high', 'max'] as const;
export type ReasoningLevel = (typeof REASONING_LEVELS)[number];

// ─── Session allowlist (docs/api.md#s2-6) ───────────────────────────────────────────────────────────────────────────────────

const allowlistEntry = z.string().regex(ID_PATTERN, 'Must be a session id (letters, digits, underscores and hyphens)');
const allowlistValue = z.union([allowlistEntry, z.array(allowlistEntry), z.strictObject({ in: z.array(allowlistEntry) })]);

/**
 * `{"session_id": "s1" | ["s1", …] | {"in": [...]}}` and nothing else. Parsed to the distinct ids (an empty list
 * recalls nothing: fail closed), or null when no allowlist was given.
 */
export const sessionAllowlistFilters = z
  .strictObject({ session_id: allowlistValue.optional() })
  .nullable()
  .optional()
  .transform((filters, ctx): string[] | null => {
    const value = filters?.session_id;
    if (value === undefined) return null;
    const ids = typeof value === 'string' ? [value] : Array.isArray(value) ? value : value.in;
    const distinct = [...new Set(ids)];
    if (distinct.length > SESSION_ALLOWLIST_MAX) {
      ctx.addIssue({ code: 'custom', path: ['session_id'], message: `At most ${SESSION_ALLOWLIST_MAX} sessions are allowed` });
      return z.NEVER;
    }
    return distinct;
  })
  .meta({
    description: 'Session allowlist: only `session_id` (a string, an array of strings, or `{"in": [...]}`).',
    example: { session_id: ['s1', 's2'] },
  });

// ─── Request bodies ─────────────────────────────────────────────────────────────────────────────────────────────

const chatFields = {
  query: z
    .string()
    .min(1, 'Must be at least 1 character')
    .max(CHAT_QUERY_MAX_CHARS, `Must be at most ${CHAT_QUERY_MAX_CHARS} characters`)
    .transform((text) => text.replace(/\u0000/g, ''))
    .meta({ description: 'The question, 1–10,000 characters.' }),
  stream: z.boolean().nullable().optional().meta({ description: 'Answer as a server-sent-event stream (default false).' }),
  session_id: resourceId
    .nullable()
    .optional()
    .meta({ description: 'Pins message recall to this session and gives the answer its latest history; must exist.' }),
  scope: scopeOption,
  reasoning_level: z
    .enum(REASONING_LEVELS)
    .nullable()
    .optional()
    .meta({ description: 'Effort of the answer loop (default `low`).' }),
  response_format: z
    .unknown()
    .optional()
    .meta({ description: 'A JSON Schema with an object root; `content` is then a JSON document conforming to it.' }),
  include_evidence: z.boolean().nullable().optional().meta({ description: 'Report what the answer was built from.' }),
};

export const peerChatBody = z.object({
  ...chatFields,
  target: resourceId.nullable().optional().meta({ description: 'Observed peer (default: the path peer itself); must exist.' }),
  filters: sessionAllowlistFilters,
});

export const workspaceChatBody = z.object(chatFields);

export type PeerChatBody = z.output<typeof peerChatBody>;
export type WorkspaceChatBody = z.output<typeof workspaceChatBody>;

// ─── Responses ──────────────────────────────────────────────────────────────────────────────────────────────────

export const evidenceSchema = z
  .object({
    conclusions: z.array(
      z.object({
        id: z.string(),
        level: z.enum(['explicit', 'deductive', 'inductive', 'contradiction']),
        content: z.string(),
        created_at: timestamp,
        session_id: z.string().nullable(),
        source_ids: z.array(z.string()),
      }),
    ),
    messages: z.array(z.object({ id: z.string(), session_id: z.string(), peer_id: z.string(), created_at: timestamp })),
    tool_calls: z.array(z.object({ tool_name: z.string(), tool_input: z.record(z.string(), z.unknown()) })),
    reasoning_trace_id: z.string().nullable(),
  })
  .meta({ id: 'Evidence', description: 'What the answer loop read (it over-reports: read, not necessarily used).' });

export type WireEvidence = z.infer<typeof evidenceSchema>;

export const chatResponseSchema = z
  .object({
    content: z.string().nullable().meta({ description: 'The answer; with `response_format`, a JSON document as a string.' }),
    evidence: evidenceSchema.nullable().optional(),
  })
  .meta({ id: 'ChatResponse', example: { content: 'alice lives in Lisbon.' } });

export type ChatResponse = z.infer<typeof chatResponseSchema>;

const STREAM_NOTE =
  ' With `stream: true` the answer is `text/event-stream`: frames `data: {"delta": {"content": "…"}, "done": false}` ' +
  'and a terminal `data: {"done": true}` (with `evidence` when requested). Validation errors are JSON either way.';

// ─── Routes ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const peerChatRoute = defineRoute({
  id: 'peerChat',
  method: 'POST',
  path: '/v3/workspaces/{workspace_id}/peers/{peer_id}/chat',
  auth: 'W/P',
  tag: 'Dialectic',
  summary: 'Ask what a peer knows',
  description:
    'Answers as the path peer (observer) about `target` (default: itself) from its conclusions, its peer card and the ' +
    'messages of sessions it is or was a member of. Creates the path peer (and workspace) when missing.' +
    STREAM_NOTE,
  params: z.object({
    workspace_id: resourceId.meta({ description: 'Workspace id; created when missing.' }),
    peer_id: resourceId.meta({ description: 'Observer peer id; created when missing.' }),
  }),
  body: peerChatBody,
  bodyRequired: true,
  response: chatResponseSchema,
  status: 200,
  extraResponses: { 404: { description: 'The target peer or the session does not exist.' } },
});

export const workspaceChatRoute = defineRoute({
  id: 'workspaceChat',
  method: 'POST',
  path: '/v3/workspaces/{workspace_id}/chat',
  auth: 'W',
  tag: 'Dialectic',
  summary: 'Ask across a whole workspace',
  description: "Answers from every peer's conclusions and every message of the workspace, from no single perspective." + STREAM_NOTE,
  params: z.object({ workspace_id: existingIdParam('Workspace id.') }),
  body: workspaceChatBody,
  bodyRequired: true,
  response: chatResponseSchema,
  status: 200,
  extraResponses: { 404: { description: 'The session does not exist.' } },
});

export const chatRoutes: readonly RouteContract[] = [peerChatRoute, workspaceChatRoute];
