// Wire schemas and routes of peers (docs/api.md#s3-3), with Rapport's peer deletion and export (docs/api.md#s3-15).
import { z } from 'zod';
import { metadataSchema, pageOf, paginationQuery, peerId, resourceId, timestamp } from './common';
import { peerConfigurationSchema } from './configuration';
import { createBodyWithId } from './create-body';
import { defineRoute, type RouteContract } from './route-contract';
import { existingPeerParam, sessionPageSchema } from './sessions';
import { deletionAcceptedSchema, existingIdParam, filtersField } from './workspaces';

// ─── Resources ──────────────────────────────────────────────────────────────────────────────────────────────────

const jsonObject = z.record(z.string(), z.unknown());

export const peerSchema = z
  .object({
    id: z.string(),
    workspace_id: z.string(),
    metadata: jsonObject,
    configuration: jsonObject,
    created_at: timestamp,
  })
  .meta({
    id: 'Peer',
    example: { id: 'alice', workspace_id: 'my-app', metadata: {}, configuration: {}, created_at: '2026-08-20T15:42:38.123Z' },
  });

export type WirePeer = z.infer<typeof peerSchema>;

// Message and Conclusion are owned by their own contract files; these are the shapes the export document carries.
const messageShape = z.object({
  id: z.string(),
  content: z.string(),
  peer_id: z.string(),
  session_id: z.string(),
  workspace_id: z.string(),
  metadata: jsonObject,
  created_at: timestamp,
  token_count: z.number().int(),
});

const conclusionShape = z.object({
  id: z.string(),
  content: z.string(),
  observer_id: z.string(),
  observed_id: z.string(),
  session_id: z.string().nullable(),
  level: z.enum(['explicit', 'deductive', 'inductive', 'contradiction']),
  source_ids: z.array(z.string()),
  times_derived: z.number().int(),
  created_at: timestamp,
});

export const PEER_EXPORT_FORMAT = 'rapport.peer-export/1';

export const peerExportSchema = z
  .object({
    format: z.literal(PEER_EXPORT_FORMAT),
    exported_at: timestamp,
    workspace_id: z.string(),
    peer: peerSchema,
    memberships: z.array(
      z.object({
        session_id: z.string(),
        joined_at: timestamp,
        left_at: timestamp.nullable(),
        configuration: z.object({ observe_me: z.boolean().nullable(), observe_others: z.boolean().nullable() }),
      }),
    ),
    messages: z.array(messageShape).meta({ description: 'Messages the peer authored, in insertion order.' }),
    conclusions: z.object({
      about_peer: z.array(conclusionShape).meta({ description: 'Conclusions whose observed peer is this peer (any observer).' }),
      held_by_peer: z.array(conclusionShape).meta({ description: 'Conclusions this peer holds about other peers.' }),
    }),
    peer_cards: z.object({
      self: z.array(z.string()),
      about_others: z.record(z.string(), z.array(z.string())),
      held_by_others: z.record(z.string(), z.array(z.string())),
    }),
  })
  .meta({ id: 'PeerExport', description: 'Everything stored about one peer.' });

export type PeerExport = z.infer<typeof peerExportSchema>;

// ─── Bodies and params ──────────────────────────────────────────────────────────────────────────────────────────

export const PEER_KINDS = ['peer', 'scope', 'all'] as const;

export const listPeersBody = z.object({
  filters: filtersField,
  kind: z
    .enum(PEER_KINDS)
    .nullable()
    .optional()
    .meta({ description: 'Absent/null or `peer`: regular peers; `scope`: only scope peers; `all`: both.' }),
});

export const createPeerBody = createBodyWithId(
  {
    metadata: metadataSchema.nullable().optional(),
    configuration: peerConfigurationSchema.nullable().optional(),
  },
  peerId,
);

export const updatePeerBody = z.object({
  metadata: metadataSchema.nullable().optional().meta({ description: 'Replaces the stored metadata; null or omitted = unchanged.' }),
  configuration: peerConfigurationSchema
    .nullable()
    .optional()
    .meta({ description: 'Replaces the stored configuration; null or omitted = unchanged.' }),
});

export const peerSessionsBody = z.object({ filters: filtersField });

const workspaceParam = existingIdParam('Workspace id.');
const peerParam = existingPeerParam('Peer id.');
const peerPath = z.object({ workspace_id: workspaceParam, peer_id: peerParam });

export const PEER_DELETION_ACCEPTED = 'Peer deletion accepted';

// ─── Routes ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const listPeersRoute = defineRoute({
  id: 'listPeers',
  method: 'POST',
  path: '/v3/workspaces/{workspace_id}/peers/list',
  auth: 'W',
  tag: 'Peers',
  summary: 'List peers',
  description: 'Oldest first (`reverse=true`: newest first). Filter keys: `id`, `workspace_id`, `created_at`, `metadata`.',
  params: z.object({ workspace_id: workspaceParam }),
  query: paginationQuery,
  body: listPeersBody,
  bodyRequired: false,
  response: pageOf(peerSchema, 'PeerPage'),
  status: 200,
});

export const createPeerRoute = defineRoute({
  id: 'getOrCreatePeer',
  method: 'POST',
  path: '/v3/workspaces/{workspace_id}/peers',
  auth: 'self',
  tag: 'Peers',
  summary: 'Get or create a peer',
  description:
    'Creates the peer (201, creating the workspace too when needed) or returns the existing one (200). For an ' +
    'existing peer, supplied metadata and configuration replace the stored ones; omitted ones are untouched.',
  params: z.object({ workspace_id: resourceId.meta({ description: 'Workspace id; created when missing.' }) }),
  body: createPeerBody,
  bodyRequired: true,
  response: peerSchema,
  status: 201,
  extraResponses: { 200: { description: 'The peer already existed.', schema: peerSchema } },
});

export const updatePeerRoute = defineRoute({
  id: 'updatePeer',
  method: 'PUT',
  path: '/v3/workspaces/{workspace_id}/peers/{peer_id}',
  auth: 'W/P',
  tag: 'Peers',
  summary: 'Update (or create) a peer',
  description: 'Upsert, creating the workspace when needed. Supplied metadata and configuration replace the stored ones.',
  params: z.object({
    workspace_id: resourceId.meta({ description: 'Workspace id; created when missing.' }),
    peer_id: peerId.meta({ description: 'Peer id; created when missing.' }),
  }),
  body: updatePeerBody,
  bodyRequired: true,
  response: peerSchema,
  status: 200,
});

export const deletePeerRoute = defineRoute({
  id: 'deletePeer',
  method: 'DELETE',
  path: '/v3/workspaces/{workspace_id}/peers/{peer_id}',
  auth: 'W',
  tag: 'Peers',
  summary: 'Delete a peer and everything about it',
  description:
    'Removes the peer, its session memberships, every message it authored, every conclusion it holds or that is held ' +
    'about it, the peer cards it holds and those held about it, and conclusions derived only from removed data. ' +
    'Summaries of the affected sessions become stale.',
  params: peerPath,
  response: deletionAcceptedSchema(PEER_DELETION_ACCEPTED),
  status: 202,
  extraResponses: { 404: { description: 'No such peer.' } },
});

export const exportPeerRoute = defineRoute({
  id: 'exportPeer',
  method: 'GET',
  path: '/v3/workspaces/{workspace_id}/peers/{peer_id}/export',
  auth: 'W/P',
  tag: 'Peers',
  summary: 'Export everything stored about a peer',
  description: `One \`${PEER_EXPORT_FORMAT}\` JSON document; not paginated.`,
  params: peerPath,
  response: peerExportSchema,
  status: 200,
  extraResponses: { 404: { description: 'No such peer.' } },
});

export const listPeerSessionsRoute = defineRoute({
  id: 'listPeerSessions',
  method: 'POST',
  path: '/v3/workspaces/{workspace_id}/peers/{peer_id}/sessions',
  auth: 'W/P',
  tag: 'Peers',
  summary: "List a peer's sessions",
  description:
    'Sessions the peer has a membership in, including sessions it has left; deleted sessions never appear. Oldest ' +
    'first. Filter keys: `id`, `workspace_id`, `is_active`, `created_at`, `metadata`.',
  params: peerPath,
  query: paginationQuery,
  body: peerSessionsBody,
  bodyRequired: false,
  response: sessionPageSchema,
  status: 200,
});

export const peersRoutes: readonly RouteContract[] = [
  listPeersRoute,
  createPeerRoute,
  updatePeerRoute,
  deletePeerRoute,
  exportPeerRoute,
  listPeerSessionsRoute,
];
