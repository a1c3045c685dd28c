// Whole-workspace export and import (docs/portability.md): the NDJSON line format both directions share, and the two
// routes. Each line is one JSON object with a `type`; the import validates every line against these schemas, so a file
// the export wrote is always accepted and a hand-edited one is refused line by line.
import { z } from 'zod';
import { ID_PATTERN } from './common';
import { defineRoute, type RouteContract } from './route-contract';
import { existingIdParam } from './workspaces';

export const WORKSPACE_EXPORT_FORMAT = 'rapport.workspace-export/1';

/** Most lines one import request may carry; the body limit (16 MiB) applies as well. */
export const IMPORT_BATCH_MAX_LINES = 1_000;

/** Timestamps keep PostgreSQL's microseconds, so a round trip reproduces them exactly. */
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/, 'Must be an RFC 3339 timestamp');
const name = z.string().min(1).max(512);
const wireId = z.string().min(1).max(512).regex(ID_PATTERN, 'Must match ^[A-Za-z0-9_-]+$');
const jsonObject = z.record(z.string(), z.unknown());
const vector = z.array(z.number());

export const exportCounts = z.object({
  peers: z.number().int(),
  sessions: z.number().int(),
  memberships: z.number().int(),
  membership_periods: z.number().int(),
  messages: z.number().int(),
  conclusions: z.number().int(),
  cards: z.number().int(),
  summaries: z.number().int(),
  peer_views: z.number().int(),
  scope_backfills: z.number().int(),
  webhooks: z.number().int(),
});
export type ExportCounts = z.infer<typeof exportCounts>;

export const headerLine = z.object({
  type: z.literal('header'),
  format: z.literal(WORKSPACE_EXPORT_FORMAT),
  workspace_id: wireId,
  exported_at: instant,
  embeddings: z.boolean(),
  counts: exportCounts,
});

export const workspaceLine = z.object({
  type: z.literal('workspace'),
  id: wireId,
  metadata: jsonObject,
  configuration: jsonObject,
  created_at: instant,
});

/** Peers and scopes: a scope is stored as a peer of kind `scope` named `scope.<id>` (docs/scopes.md). */
export const peerLine = z.object({
  type: z.literal('peer'),
  id: name,
  kind: z.enum(['peer', 'scope']),
  metadata: jsonObject,
  configuration: jsonObject,
  created_at: instant,
});

export const sessionLine = z.object({
  type: z.literal('session'),
  id: wireId,
  is_active: z.boolean(),
  metadata: jsonObject,
  configuration: jsonObject,
  created_at: instant,
});

export const membershipLine = z.object({
  type: z.literal('membership'),
  session_id: wireId,
  peer_id: name,
  observe_me: z.boolean().nullable(),
  observe_others: z.boolean().nullable(),
  joined_at: instant,
  left_at: instant.nullable(),
  created_at: instant,
});

export const membershipPeriodLine = z.object({
  type: z.literal('membership_period'),
  session_id: wireId,
  peer_id: name,
  joined_at: instant,
  left_at: instant.nullable(),
});

const messageChunkEmbedding = z.object({
  chunk_index: z.number().int().min(0),
  char_start: z.number().int().min(0),
  char_end: z.number().int().min(0),
  model: z.string().min(1),
  values: vector,
});

export const messageLine = z.object({
  type: z.literal('message'),
  id: z.string().min(1).max(64),
  session_id: wireId,
  peer_id: name,
  seq: z.number().int().min(1),
  content: z.string(),
  token_count: z.number().int().min(0),
  metadata: jsonObject,
  configuration: jsonObject,
  created_at: instant,
  inserted_at: instant,
  embeddings: z.array(messageChunkEmbedding).optional(),
});

export const conclusionLine = z.object({
  type: z.literal('conclusion'),
  id: z.string().min(1).max(64),
  observer_id: name,
  observed_id: name,
  session_id: wireId.nullable(),
  level: z.enum(['explicit', 'deductive', 'inductive', 'contradiction']),
  origin: z.enum(['api', 'deriver', 'dream']),
  content: z.string(),
  token_count: z.number().int().min(0),
  source_ids: z.array(z.string()),
  times_derived: z.number().int().min(1),
  provenance: jsonObject,
  message_ids: z.array(z.string()),
  message_created_at: instant.nullable(),
  created_at: instant,
  superseded_at: instant.nullable(),
  superseded_by_id: z.string().nullable(),
  embedding: z.object({ model: z.string().min(1), values: vector }).optional(),
});

export const cardLine = z.object({
  type: z.literal('card'),
  observer_id: name,
  observed_id: name,
  entries: z.array(z.string()),
  updated_at: instant,
});

export const summaryLine = z.object({
  type: z.literal('summary'),
  id: z.string().min(1).max(64),
  session_id: wireId,
  kind: z.enum(['short', 'long']),
  content: z.string(),
  token_count: z.number().int().min(0),
  last_message_id: z.string(),
  last_seq: z.number().int().min(0),
  created_at: instant,
  stale_at: instant.nullable(),
});

export const peerViewLine = z.object({
  type: z.literal('peer_view'),
  observer_id: name,
  observed_id: name,
  explicit_since_dream: z.number().int().min(0),
  last_dream_at: instant.nullable(),
  last_observed_activity: instant.nullable(),
});

export const scopeBackfillLine = z.object({
  type: z.literal('scope_backfill'),
  scope_peer_id: name,
  session_id: wireId,
  state: z.enum(['pending', 'completed', 'failed']),
  docs_copied: z.number().int().nullable(),
  updated_at: instant,
});

/** Webhook endpoints carry no secret: signing uses the deployment's own WEBHOOK_SECRET. */
export const webhookLine = z.object({
  type: z.literal('webhook'),
  id: z.string().min(1).max(64),
  url: z.string().min(1).max(2_048),
  created_at: instant,
});

/** The last line: how many lines precede it, so a reader can tell a complete file from a cut one. */
export const endLine = z.object({ type: z.literal('end'), lines: z.number().int().min(1) });

export const exportLine = z.discriminatedUnion('type', [
  headerLine,
  workspaceLine,
  peerLine,
  sessionLine,
  membershipLine,
  membershipPeriodLine,
  messageLine,
  conclusionLine,
  cardLine,
  summaryLine,
  peerViewLine,
  scopeBackfillLine,
  webhookLine,
  endLine,
]);
export type ExportLine = z.infer<typeof exportLine>;
export type HeaderLine = z.infer<typeof headerLine>;
export type MessageLine = z.infer<typeof messageLine>;
export type ConclusionLine = z.infer<typeof conclusionLine>;

// ─── Routes ───────────────────────────────────────────────────────────────────────────────────────────────────────

const workspacePath = z.object({ workspace_id: existingIdParam('Workspace id; must exist.') });

export const exportWorkspaceQuery = z.object({
  embeddings: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: 'Include message and conclusion embeddings (large: one float array per chunk).' }),
});

export const exportWorkspaceRoute = defineRoute({
  id: 'exportWorkspace',
  method: 'GET',
  path: '/v3/workspaces/{workspace_id}/export',
  auth: 'W',
  tag: 'Workspaces',
  summary: 'Export a whole workspace as NDJSON (Rapport extension)',
  description:
    `Streams \`${WORKSPACE_EXPORT_FORMAT}\` lines: a header with counts, the workspace, peers and scopes, sessions, ` +
    'memberships, messages, conclusions, cards, summaries, dream bookkeeping, scope backfill state, webhook endpoints ' +
    '(never secrets), then an `end` line. Deleted rows are left out. Read in pages, so memory stays bounded.',
  params: workspacePath,
  query: exportWorkspaceQuery,
  responseMediaType: 'application/x-ndjson',
  status: 200,
  extraResponses: { 404: { description: 'No such workspace.' } },
});

export const importWorkspaceBody = z.object({
  first_line: z.number().int().min(1).meta({ description: 'Line number (1-based) of `lines[0]` in the export file.' }),
  lines: z
    .array(z.string())
    .min(1)
    .max(IMPORT_BATCH_MAX_LINES)
    .meta({ description: `Consecutive lines of the file, each one JSON object, at most ${IMPORT_BATCH_MAX_LINES}.` }),
});

export const importWorkspaceResponse = z
  .object({
    imported_through: z.number().int().meta({ description: 'Last line of the file applied without a gap; resume after it.' }),
    completed: z.boolean().meta({ description: 'The `end` line has been applied.' }),
    applied: z.number().int().meta({ description: 'Rows this request wrote (0 when every line was already there).' }),
  })
  .meta({ id: 'WorkspaceImportProgress', example: { imported_through: 1000, completed: false, applied: 998 } });

export const importWorkspaceRoute = defineRoute({
  id: 'importWorkspace',
  method: 'POST',
  path: '/v3/workspaces/{workspace_id}/import',
  auth: 'W',
  tag: 'Workspaces',
  summary: 'Import a batch of export lines (Rapport extension)',
  description:
    'Applies consecutive lines of a workspace export. The first batch must start with the header (line 1); the ' +
    'workspace is created if missing and must otherwise be empty or already importing the same export. Ids and ' +
    'timestamps are kept; re-sending a line is a no-op, so an interrupted import resumes from `imported_through`.',
  params: workspacePath,
  body: importWorkspaceBody,
  bodyRequired: true,
  response: importWorkspaceResponse,
  status: 200,
  extraResponses: {
    409: { description: 'The workspace has other data, is importing another export, or an id exists in another workspace.' },
    422: { description: 'A line is not valid JSON, not a known record, or refers to something not imported yet; `detail` names it.' },
  },
});

export const portabilityRoutes: readonly RouteContract[] = [exportWorkspaceRoute, importWorkspaceRoute];
