// Wire schemas and routes of webhook endpoints (docs/api.md#s3-13); delivery format and events are docs/api.md#s5-7.
import { z } from 'zod';
import { pageOf, queryInt, timestamp } from './common';
import { defineRoute, type RouteContract } from './route-contract';
import { existingIdParam } from './workspaces';

export const webhookEndpointSchema = z
  .object({
    id: z.string(),
    workspace_id: z.string(),
    url: z.string(),
    created_at: timestamp,
  })
  .meta({
    id: 'WebhookEndpoint',
    example: { id: 'V1StGXR8_Z5jdHi6B-myT', workspace_id: 'my-app', url: 'https://example.com/hooks/rapport', created_at: '2026-08-20T15:42:38.123Z' },
  });

export type WireWebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const createWebhookBody = z.object({
  url: z
    .string()
    .max(2_048, 'Must be at most 2048 characters')
    .meta({ description: 'http or https; IP-literal hosts must be public addresses. Hostnames are not resolved.' }),
});

/** Registration order; the contract gives this list no `reverse` parameter. */
export const webhookPageQuery = z.object({
  page: queryInt(1, 1_000_000).optional(),
  size: queryInt(1, 100).optional(),
});

const workspacePath = z.object({ workspace_id: existingIdParam('Workspace id; must exist (not auto-created).') });

export const createWebhookRoute = defineRoute({
  id: 'getOrCreateWebhookEndpoint',
  method: 'POST',
  path: '/v3/workspaces/{workspace_id}/webhooks',
  auth: 'W',
  tag: 'Webhooks',
  summary: 'Register a webhook endpoint',
  description:
    'Registers the URL (201) or returns the endpoint already registered with the same URL (200). The scheme must be ' +
    'http or https; an IP-literal host that is private, loopback, link-local, reserved, multicast or unspecified is ' +
    'refused (422) unless the server allows private addresses. 404 if the workspace does not exist; 409 when it ' +
    'already has 10 endpoints.',
  params: workspacePath,
  body: createWebhookBody,
  bodyRequired: true,
  response: webhookEndpointSchema,
  status: 201,
  extraResponses: { 200: { description: 'The URL was already registered.', schema: webhookEndpointSchema } },
});

export const listWebhooksRoute = defineRoute({
  id: 'listWebhookEndpoints',
  method: 'GET',
  path: '/v3/workspaces/{workspace_id}/webhooks',
  auth: 'W',
  tag: 'Webhooks',
  summary: 'List webhook endpoints',
  description: 'In registration order.',
  params: workspacePath,
  query: webhookPageQuery,
  response: pageOf(webhookEndpointSchema, 'WebhookEndpointPage'),
  status: 200,
});

export const deleteWebhookRoute = defineRoute({
  id: 'deleteWebhookEndpoint',
  method: 'DELETE',
  path: '/v3/workspaces/{workspace_id}/webhooks/{endpoint_id}',
  auth: 'W',
  tag: 'Webhooks',
  summary: 'Delete a webhook endpoint',
  description: 'Nothing more is sent to it; deliveries not yet sent are abandoned. 404 if unknown or already deleted.',
  params: z.object({
    workspace_id: existingIdParam('Workspace id.'),
    endpoint_id: existingIdParam('Webhook endpoint id.'),
  }),
  status: 204,
});

export const testWebhooksRoute = defineRoute({
  id: 'testWebhookEmit',
  method: 'GET',
  path: '/v3/workspaces/{workspace_id}/webhooks/test',
  auth: 'W',
  tag: 'Webhooks',
  summary: 'Send a test event',
  description:
    'Queues a `test.event` delivery with `data = {workspace_id}` to every endpoint of the workspace. Answers `null`.',
  params: workspacePath,
  response: z.null(),
  status: 200,
});

export const webhooksRoutes: readonly RouteContract[] = [createWebhookRoute, listWebhooksRoute, deleteWebhookRoute, testWebhooksRoute];
