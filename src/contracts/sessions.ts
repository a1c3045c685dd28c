// Wire schemas and routes of sessions, session peers and per-peer session configuration (docs/api.md#s3-4, #s3-5).
import { z } from 'zod';
import { SCOPE_PEER_PREFIX, metadataSchema, pageOf, paginationQuery, peerId, publicId, queryInt, resourceId, scopeId, sessionId, timestamp } from './common';
import { sessionConfigurationSchema } from './configuration';
import { createBodyWithId } from './create-body';
import { defineRoute, type RouteContract } from './route-contract';
import { deletionAcceptedSchema, existingIdParam, filtersField } from './workspaces';

// ─── Shapes ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** Maximum number of active members with `observe_others: true` in one session (docs/api.md#s5-1). */
export const SESSION_OBSERVER_LIMIT = 10;

export { SCOPE_PEER_PREFIX } from './common';

/** A peer id inside a session-peer body: the `scope.` prefix gets its own message, then the id rule of docs/api.md#s1-3. */
export const memberPeerId = z
  .string()
  .refine((id) => !id.startsWith(SCOPE_PEER_PREFIX), 'Scopes cannot be added to or removed from a session as peers')
  .pipe(peerId);

/**
 * A path peer id on a route that only reads an existing peer: any value is looked up (404 when unknown), except a
 * scope's reserved name, which is refused (422) so a hidden scope peer is never reached through peer routes.
 */
export const existingPeerParam = (description: string) =>
  z
    .string()
    .refine((id) => !id.startsWith(SCOPE_PEER_PREFIX), 'Scopes are not peers: use the scope routes')
    .meta({ description });

export const sessionPeerConfigSchema = z
  .object({
    observe_me: z.boolean().nullable().optional().meta({
      description: "Whether this peer's messages in the session are observed (null: the peer's own setting, then true).",
    }),
    observe_others: z.boolean().nullable().optional().meta({
      description: "Whether this peer forms views of the session's other members (null: false).",
    }),
  })
  .meta({ id: 'SessionPeerConfig', description: 'Per-peer observation settings inside one session (docs/api.md#s5-1).' });
export type SessionPeerConfigInput = z.output<typeof sessionPeerConfigSchema>;

export const sessionPeerConfigResponseSchema = z
  .object({ observe_me: z.boolean().nullable(), observe_others: z.boolean().nullable() })
  .meta({ id: 'SessionPeerConfigResponse' });

/**
 * `{peer_id: {observe_me?, observe_others?}}`. Keys are checked one by one so a bad key is reported at its own path
 * (`body.peers.<key>`), which a record key schema would not do.
 */
export const sessionPeersMapSchema = z
  .record(z.string(), sessionPeerConfigSchema)
  .superRefine((map, ctx) => {
    for (const key of Object.keys(map)) {
      const parsed = memberPeerId.safeParse(key);
      if (!parsed.success) ctx.addIssue({ code: 'custom', path: [key], message: parsed.error.issues[0]?.message ?? 'Invalid peer id' });
    }
  })
  .meta({ id: 'SessionPeers', description: 'Peers by id, each with its session configuration.' });
export type SessionPeersMap = z.output<typeof sessionPeersMapSchema>;

export const sessionSchema = z
  .object({
    id: z.string(),
    workspace_id: z.string(),
    is_active: z.boolean(),
    metadata: z.record(z.string(), z.unknown()),
    configuration: z.record(z.string(), z.unknown()),
    created_at: timestamp,
  })
  .meta({ id: 'Session' });
export type SessionWire = z.output<typeof sessionSchema>;

export const sessionPageSchema = pageOf(sessionSchema, 'SessionPage');

/**
 * A member as the Peer resource (docs/api.md#s1-10). Declared here rather than imported from peers.ts, which imports this file's
 * session schemas: a contract import cycle breaks module evaluation in the production bundle.
 */
export const sessionMemberSchema = z
  .object({
    id: z.string(),
    workspace_id: z.string(),
    metadata: z.record(z.string(), z.unknown()),
    configuration: z.record(z.string(), z.unknown()),
    created_at: timestamp,
  })
  .meta({ id: 'SessionMember', description: 'A peer of the session, in the Peer shape.' });

export const sessionMemberPageSchema = pageOf(sessionMemberSchema, 'SessionPeerPage');

export const SESSION_DELETED = 'Session deleted successfully';

// ─── Inputs ──────────────────────────────────────────────────────────────────────────────────────────────────────

const optionalMetadata = metadataSchema.nullable().optional();
const optionalConfiguration = sessionConfigurationSchema.nullable().optional();

export const createSessionBodySchema = createBodyWithId(
  {
    metadata: optionalMetadata,
    configuration: optionalConfiguration,
    peers: sessionPeersMapSchema.nullable().optional(),
    scopes: z
      .array(scopeId)
      .min(1, 'Must name at least one scope')
      .max(100, 'At most 100 scopes')
      .nullable()
      .optional()
      .meta({ description: 'Scopes the session joins (needs a workspace-level credential).' }),
  },
  sessionId,
);
export type CreateSessionBody = z.output<typeof createSessionBodySchema>;

export const updateSessionBodySchema = z
  .object({ metadata: optionalMetadata, configuration: optionalConfiguration })
  .meta({ id: 'SessionUpdate' });
export type UpdateSessionBody = z.output<typeof updateSessionBodySchema>;

export const listSessionsBodySchema = z.object({ filters: filtersField });

export const removeSessionPeersBodySchema = z.array(memberPeerId).meta({ id: 'SessionPeerIds', description: 'Peer ids to mark as left.' });

// Path ids are pattern-checked (422) only on routes that can create the resource; elsewhere a bad id is a 404 (docs/api.md#s1-3).
const workspaceParam = existingIdParam('Workspace id.');
const sessionParam = existingIdParam('Session id.');
const workspaceParams = z.object({ workspace_id: workspaceParam });
const creatingWorkspaceParams = z.object({ workspace_id: resourceId.meta({ description: 'Workspace id; created when missing.' }) });
const sessionParams = z.object({ workspace_id: workspaceParam, session_id: sessionParam });
const creatingSessionParams = z.object({
  workspace_id: resourceId.meta({ description: 'Workspace id; created when missing.' }),
  session_id: sessionId.meta({ description: 'Session id; created when missing.' }),
});
const sessionPeerParams = z.object({ workspace_id: workspaceParam, session_id: sessionParam, peer_id: existingPeerParam('Peer id.') });

// ─── Routes ──────────────────────────────────────────────────────────────────────────────────────────────────────

const BASE = '/v3/workspaces/{workspace_id}/sessions';

export const listSessionsRoute = defineRoute({
  id: 'listSessions',
  method: 'POST',
  path: `${BASE}/list`,
  auth: 'W',
  tag: 'Sessions',
  summary: 'List sessions',
  description: 'Live sessions of the workspace, oldest first (`reverse=true`: newest first). Filters: docs/api.md#s2.',
  params: workspaceParams,
  query: paginationQuery,
  body: listSessionsBodySchema,
  bodyRequired: false,
  response: sessionPageSchema,
  status: 200,
});

export const getOrCreateSessionRoute = defineRoute({
  id: 'getOrCreateSession',
  method: 'POST',
  path: BASE,
  auth: 'self',
  tag: 'Sessions',
  summary: 'Get or create a session',
  description:
    'Creates the session (and its workspace) when missing, otherwise returns it with supplied metadata replaced and ' +
    'configuration shallow-merged. `peers` are get-or-created and joined; active members keep their configuration, ' +
    'members who left rejoin with the given one. At most 10 members may observe others (400).',
  params: creatingWorkspaceParams,
  body: createSessionBodySchema,
  bodyRequired: true,
  response: sessionSchema,
  status: 201,
  extraResponses: {
    200: { description: 'The session already existed.', schema: sessionSchema },
    400: { description: 'More than 10 members would observe others.' },
    404: { description: 'The session is being deleted.' },
  },
});

export const updateSessionRoute = defineRoute({
  id: 'updateSession',
  method: 'PUT',
  path: `${BASE}/{session_id}`,
  auth: 'W/S',
  tag: 'Sessions',
  summary: 'Update (or create) a session',
  description: 'Upsert. Supplied metadata replaces the stored one, supplied configuration is shallow-merged; omitted fields are untouched.',
  params: creatingSessionParams,
  body: updateSessionBodySchema,
  bodyRequired: true,
  response: sessionSchema,
  status: 200,
  extraResponses: { 404: { description: 'The session is being deleted.' } },
});

export const deleteSessionRoute = defineRoute({
  id: 'deleteSession',
  method: 'DELETE',
  path: `${BASE}/{session_id}`,
  auth: 'W/S',
  tag: 'Sessions',
  summary: 'Delete a session',
  description:
    'Removes the session with its messages, embeddings, memberships, summaries and the conclusions derived only from ' +
    'it (docs/honcho-differences.md#deletion-and-export). The id can be reused afterwards.',
  params: sessionParams,
  response: deletionAcceptedSchema(SESSION_DELETED),
  status: 202,
  extraResponses: { 404: { description: 'No such session.' } },
});

export const cloneSessionRoute = defineRoute({
  id: 'cloneSession',
  method: 'POST',
  path: `${BASE}/{session_id}/clone`,
  auth: 'W/S',
  tag: 'Sessions',
  summary: 'Clone a session',
  description:
    'A new session with a generated id, the same metadata and configuration, copies of the messages (all, or up to ' +
    'and including `message_id`) and of the memberships. Conclusions are not copied (docs/honcho-differences.md#workspace-scoped-clone: confined to the workspace).',
  params: sessionParams,
  query: z.object({ message_id: publicId.optional() }),
  response: sessionSchema,
  status: 201,
  extraResponses: { 404: { description: 'No such session, or the message is not in it.' } },
});

export const addSessionPeersRoute = defineRoute({
  id: 'addSessionPeers',
  method: 'POST',
  path: `${BASE}/{session_id}/peers`,
  auth: 'W/S',
  tag: 'Sessions',
  summary: 'Add peers to a session',
  description: 'Get-or-creates the session and the peers and joins them; active members keep their configuration.',
  params: creatingSessionParams,
  body: sessionPeersMapSchema,
  bodyRequired: true,
  response: sessionSchema,
  status: 200,
  extraResponses: {
    400: { description: 'More than 10 members would observe others.' },
    404: { description: 'The session is being deleted.' },
  },
});

export const setSessionPeersRoute = defineRoute({
  id: 'setSessionPeers',
  method: 'PUT',
  path: `${BASE}/{session_id}/peers`,
  auth: 'W/S',
  tag: 'Sessions',
  summary: 'Set the peers of a session',
  description: 'Current members not listed are marked as left; listed peers are get-or-created and joined.',
  params: sessionParams,
  body: sessionPeersMapSchema,
  bodyRequired: true,
  response: sessionSchema,
  status: 200,
  extraResponses: {
    400: { description: 'More than 10 members would observe others.' },
    404: { description: 'No such session.' },
  },
});

export const removeSessionPeersRoute = defineRoute({
  id: 'removeSessionPeers',
  method: 'DELETE',
  path: `${BASE}/{session_id}/peers`,
  auth: 'W/S',
  tag: 'Sessions',
  summary: 'Remove peers from a session',
  description: 'The body is a JSON array of peer ids. Active members among them are marked as left; other ids are ignored.',
  params: sessionParams,
  body: removeSessionPeersBodySchema,
  bodyRequired: true,
  response: sessionSchema,
  status: 200,
  extraResponses: { 404: { description: 'No such session.' } },
});

export const listSessionPeersRoute = defineRoute({
  id: 'listSessionPeers',
  method: 'GET',
  path: `${BASE}/{session_id}/peers`,
  auth: 'W/S+m',
  tag: 'Sessions',
  summary: 'List the peers of a session',
  description: 'Active members (not left), in join order.',
  params: sessionParams,
  query: z.object({ page: queryInt(1, 1_000_000).optional(), size: queryInt(1, 100).optional() }),
  response: sessionMemberPageSchema,
  status: 200,
  extraResponses: { 404: { description: 'No such session.' } },
});

export const getSessionPeerConfigRoute = defineRoute({
  id: 'getSessionPeerConfig',
  method: 'GET',
  path: `${BASE}/{session_id}/peers/{peer_id}/config`,
  auth: 'W/S+m',
  tag: 'Sessions',
  summary: "A peer's configuration in a session",
  description: 'Also answers for members who left. 404 when the peer never had a membership in the session.',
  params: sessionPeerParams,
  response: sessionPeerConfigResponseSchema,
  status: 200,
  extraResponses: { 404: { description: 'No such session or peer, or the peer was never a member.' } },
});

export const setSessionPeerConfigRoute = defineRoute({
  id: 'setSessionPeerConfig',
  method: 'PUT',
  path: `${BASE}/{session_id}/peers/{peer_id}/config`,
  auth: 'W/S',
  tag: 'Sessions',
  summary: "Set a peer's configuration in a session",
  description: 'Supplied non-null values are merged into the stored ones; a missing membership is created.',
  params: sessionPeerParams,
  body: sessionPeerConfigSchema,
  bodyRequired: true,
  status: 204,
  extraResponses: {
    400: { description: 'More than 10 members would observe others.' },
    404: { description: 'No such session or peer.' },
  },
});

export const sessionsRoutes: readonly RouteContract[] = [
  listSessionsRoute,
  getOrCreateSessionRoute,
  updateSessionRoute,
  deleteSessionRoute,
  cloneSessionRoute,
  addSessionPeersRoute,
  setSessionPeersRoute,
  removeSessionPeersRoute,
  listSessionPeersRoute,
  getSessionPeerConfigRoute,
  setSessionPeerConfigRoute,
];
