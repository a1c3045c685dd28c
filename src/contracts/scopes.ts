// Wire schemas and routes of scopes: named sets of sessions that bound what is derived and recalled (docs/scopes.md).
// A scope is stored as a hidden observer peer named `scope.<id>`; on the wire its id is always unprefixed.
import { z } from 'zod';
import { metadataSchema, pageOf, paginationQuery, resourceId, scopeId, timestamp } from './common';
import { createBodyWithId } from './create-body';
import { defineRoute, type RouteContract } from './route-contract';
import { sessionPageSchema } from './sessions';
import { existingIdParam } from './workspaces';

/** Most sessions one membership change may name. */
export const SCOPE_BATCH_MAX = 100;

/** Most sessions a list of scopes may expand to when it becomes a session allowlist. */
export const SCOPE_ALLOWLIST_MAX = 1_000;

export const scopeSchema = z
  .object({
    id: z.string(),
    workspace_id: z.string(),
    metadata: z.record(z.string(), z.unknown()),
    created_at: timestamp,
  })
  .meta({ id: 'Scope', example: { id: 'therapy', workspace_id: 'my-app', metadata: {}, created_at: '2026-08-20T15:42:38.123Z' } });
export type ScopeWire = z.output<typeof scopeSchema>;

export const scopePageSchema = pageOf(scopeSchema, 'ScopePage');

export const createScopeBody = createBodyWithId({ metadata: metadataSchema.nullable().optional() }, scopeId);

export const addScopeSessionsBody = z.object({
  session_ids: z
    .array(resourceId)
    .min(1, 'Must name at least one session')
    .max(SCOPE_BATCH_MAX, `At most ${SCOPE_BATCH_MAX} sessions per call`)
    .meta({ description: 'Existing sessions to add; sessions already in the scope are left as they are.' }),
});

export const BACKFILL_STATES = ['pending', 'completed', 'failed'] as const;

export const scopeStatusSchema = z
  .object({
    backfill_status: z.record(
      z.string(),
      z.object({
        state: z.enum(BACKFILL_STATES),
        updated_at: timestamp,
        docs_copied: z.number().int().optional().meta({ description: 'Conclusions copied; present once completed.' }),
      }),
    ),
  })
  .meta({ id: 'ScopeStatus', description: 'Backfill (after an add) or reconciliation (after a removal) state per session.' });
export type ScopeStatusWire = z.output<typeof scopeStatusSchema>;

const workspaceParams = z.object({ workspace_id: resourceId.meta({ description: 'Workspace id; created when missing.' }) });
const scopeParams = z.object({ workspace_id: existingIdParam('Workspace id.'), scope_id: existingIdParam('Scope id (unprefixed).') });
const scopeSessionParams = scopeParams.extend({ session_id: existingIdParam('Session id.') });

const BASE = '/v3/workspaces/{workspace_id}/scopes';

export const createScopeRoute = defineRoute({
  id: 'getOrCreateScope',
  method: 'POST',
  path: BASE,
  auth: 'W',
  tag: 'Scopes',
  summary: 'Get or create a scope',
  description:
    'Creates the scope (and its workspace) when missing (201), otherwise returns it (200) with supplied metadata ' +
    'replacing the stored one. 409 when the reserved name is taken by something that is not a scope.',
  params: workspaceParams,
  body: createScopeBody,
  bodyRequired: true,
  response: scopeSchema,
  status: 201,
  extraResponses: {
    200: { description: 'The scope already existed.', schema: scopeSchema },
    409: { description: 'The reserved name is taken by a peer.' },
  },
});

export const listScopesRoute = defineRoute({
  id: 'listScopes',
  method: 'POST',
  path: `${BASE}/list`,
  auth: 'W',
  tag: 'Scopes',
  summary: 'List scopes',
  description: 'Oldest first (`reverse=true`: newest first). No body.',
  params: z.object({ workspace_id: existingIdParam('Workspace id.') }),
  query: paginationQuery,
  response: scopePageSchema,
  status: 200,
});

export const getScopeRoute = defineRoute({
  id: 'getScope',
  method: 'GET',
  path: `${BASE}/{scope_id}`,
  auth: 'W',
  tag: 'Scopes',
  summary: 'Get a scope',
  description: 'Never creates it; 404 when unknown.',
  params: scopeParams,
  response: scopeSchema,
  status: 200,
  extraResponses: { 404: { description: 'No such scope.' } },
});

export const addScopeSessionsRoute = defineRoute({
  id: 'addScopeSessions',
  method: 'POST',
  path: `${BASE}/{scope_id}/sessions`,
  auth: 'W',
  tag: 'Scopes',
  summary: 'Add sessions to a scope',
  description:
    'Every session must exist (404, nothing is added). From now on the scope observes their messages; sessions that ' +
    'already hold messages get a background backfill that copies their explicit conclusions into the scope (see status).',
  params: scopeParams,
  body: addScopeSessionsBody,
  bodyRequired: true,
  status: 204,
  extraResponses: { 404: { description: 'No such scope or session.' } },
});

export const removeScopeSessionRoute = defineRoute({
  id: 'removeScopeSession',
  method: 'DELETE',
  path: `${BASE}/{scope_id}/sessions/{session_id}`,
  auth: 'W',
  tag: 'Scopes',
  summary: 'Remove a session from a scope',
  description:
    'The scope stops observing the session at once; the conclusions it copied or derived from it, and those derived ' +
    'from them, are removed in the background and its peer cards rebuilt. A session that is not a member: 204, no-op.',
  params: scopeSessionParams,
  status: 204,
  extraResponses: { 404: { description: 'No such scope or session.' } },
});

export const listScopeSessionsRoute = defineRoute({
  id: 'listScopeSessions',
  method: 'POST',
  path: `${BASE}/{scope_id}/sessions/list`,
  auth: 'W',
  tag: 'Scopes',
  summary: "List a scope's sessions",
  description: 'Live member sessions, longest-standing member first (`reverse=true`: most recently added first). No body.',
  params: scopeParams,
  query: paginationQuery,
  response: sessionPageSchema,
  status: 200,
  extraResponses: { 404: { description: 'No such scope.' } },
});

export const getScopeStatusRoute = defineRoute({
  id: 'getScopeStatus',
  method: 'GET',
  path: `${BASE}/{scope_id}/status`,
  auth: 'W',
  tag: 'Scopes',
  summary: 'Backfill state of a scope',
  description:
    'Per member session added to the scope: `pending` while its history is being copied, `completed` (with ' +
    '`docs_copied`) or `failed`. A removed session shows `pending` until its conclusions are gone, then disappears.',
  params: scopeParams,
  response: scopeStatusSchema,
  status: 200,
  extraResponses: { 404: { description: 'No such scope.' } },
});

export const scopesRoutes: readonly RouteContract[] = [
  createScopeRoute,
  listScopesRoute,
  getScopeRoute,
  addScopeSessionsRoute,
  removeScopeSessionRoute,
  listScopeSessionsRoute,
  getScopeStatusRoute,
];
