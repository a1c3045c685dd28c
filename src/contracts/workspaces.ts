// Wire schemas and routes of workspaces (docs/api.md#s3-2).
import { z } from 'zod';
import { metadataSchema, pageOf, paginationQuery, resourceId, timestamp } from './common';
import { workspaceConfigurationSchema } from './configuration';
import { createBodyWithId } from './create-body';
import { defineRoute, type RouteContract } from './route-contract';

// ─── Shared pieces of list and delete routes ────────────────────────────────────────────────────────────────────

/** A `filters` body field (docs/api.md#s2); the filter compiler validates everything beyond "an object". */
export const filtersField = z
  .record(z.string(), z.unknown())
  .nullable()
  .optional()
  .meta({ description: 'Filter DSL object (docs/api.md#s2); `{}` or null = no filter.', example: { metadata: { tier: 'pro' } } });

/**
 * Path ids on routes that never create the resource: not pattern-checked, because a value that cannot exist simply
 * yields 404 (docs/api.md#s1-3).
 */
export const existingIdParam = (description: string) => z.string().meta({ description });

export const deletionAcceptedSchema = (message: string) =>
  z.object({ message: z.literal(message) }).meta({ example: { message } });

// ─── Resource ───────────────────────────────────────────────────────────────────────────────────────────────────

export const workspaceSchema = z
  .object({
    id: z.string(),
    metadata: z.record(z.string(), z.unknown()),
    configuration: z.record(z.string(), z.unknown()),
    created_at: timestamp,
  })
  .meta({
    id: 'Workspace',
    example: { id: 'my-app', metadata: {}, configuration: { reasoning: { enabled: true } }, created_at: '2026-08-20T15:42:38.123Z' },
  });

export type WireWorkspace = z.infer<typeof workspaceSchema>;

export const createWorkspaceBody = createBodyWithId({
  metadata: metadataSchema.nullable().optional(),
  configuration: workspaceConfigurationSchema.nullable().optional(),
});

export const updateWorkspaceBody = z.object({
  metadata: metadataSchema.nullable().optional().meta({ description: 'Replaces the stored metadata; null or omitted = unchanged.' }),
  configuration: workspaceConfigurationSchema
    .nullable()
    .optional()
    .meta({ description: 'Shallow-merged into the stored configuration (top-level keys); null or omitted = unchanged.' }),
});

export const listBody = z.object({ filters: filtersField });

const workspaceIdPath = resourceId.meta({ description: 'Workspace id; created when missing.' });

export const WORKSPACE_DELETION_ACCEPTED = 'Workspace deletion accepted';

// ─── Routes ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const createWorkspaceRoute = defineRoute({
  id: 'getOrCreateWorkspace',
  method: 'POST',
  path: '/v3/workspaces',
  auth: 'self',
  tag: 'Workspaces',
  summary: 'Get or create a workspace',
  description:
    'Creates the workspace (201) or returns the existing one unchanged (200): metadata and configuration in the body ' +
    'apply only on creation. The SDK calls this once per client to bootstrap, and again to read workspace state. ' +
    'A non-admin credential must belong to the workspace named in the body.',
  body: createWorkspaceBody,
  bodyRequired: true,
  response: workspaceSchema,
  status: 201,
  extraResponses: { 200: { description: 'The workspace already existed; returned unchanged.', schema: workspaceSchema } },
});

export const listWorkspacesRoute = defineRoute({
  id: 'listWorkspaces',
  method: 'POST',
  path: '/v3/workspaces/list',
  auth: 'A',
  tag: 'Workspaces',
  summary: 'List workspaces',
  description: 'Oldest first (`reverse=true`: newest first). Filter keys: `id`, `created_at`, `metadata`.',
  query: paginationQuery,
  body: listBody,
  bodyRequired: false,
  response: pageOf(workspaceSchema, 'WorkspacePage'),
  status: 200,
});

export const updateWorkspaceRoute = defineRoute({
  id: 'updateWorkspace',
  method: 'PUT',
  path: '/v3/workspaces/{workspace_id}',
  auth: 'W',
  tag: 'Workspaces',
  summary: 'Update (or create) a workspace',
  description: 'Upsert. Supplied metadata replaces the stored metadata; supplied configuration is shallow-merged.',
  params: z.object({ workspace_id: workspaceIdPath }),
  body: updateWorkspaceBody,
  bodyRequired: true,
  response: workspaceSchema,
  status: 200,
});

export const deleteWorkspaceRoute = defineRoute({
  id: 'deleteWorkspace',
  method: 'DELETE',
  path: '/v3/workspaces/{workspace_id}',
  auth: 'W',
  tag: 'Workspaces',
  summary: 'Delete a workspace and everything in it',
  description:
    'Refused with 409 while any session in the workspace is live: delete the sessions first. Once accepted, nothing ' +
    'in the workspace is readable any more.',
  params: z.object({ workspace_id: existingIdParam('Workspace id.') }),
  response: deletionAcceptedSchema(WORKSPACE_DELETION_ACCEPTED),
  status: 202,
  extraResponses: {
    404: { description: 'No such workspace.' },
    409: { description: 'The workspace still has live sessions.' },
  },
});

export const workspacesRoutes: readonly RouteContract[] = [
  createWorkspaceRoute,
  listWorkspacesRoute,
  updateWorkspaceRoute,
  deleteWorkspaceRoute,
];
