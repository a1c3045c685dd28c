// POST /v3/workspaces/{workspace_id}/webhooks — register an endpoint (201 new, 200 same URL); GET — list endpoints
import { createWebhookRoute, listWebhooksRoute } from '@/contracts/webhooks';
import { route } from '@/server/http/route';
import { listWebhookEndpoints } from '@/server/services/webhooks/list-webhook-endpoints';
import { registerWebhookEndpoint } from '@/server/services/webhooks/register-webhook-endpoint';

export const POST = route(createWebhookRoute, async ({ params, body }) => {
  const { endpoint, created } = await registerWebhookEndpoint(params.workspace_id, body.url);
  return { status: created ? 201 : 200, body: endpoint };
});

export const GET = route(listWebhooksRoute, async ({ params, query }) => ({
  body: await listWebhookEndpoints(params.workspace_id, query),
}));
