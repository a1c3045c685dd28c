// DELETE /v3/workspaces/{workspace_id}/webhooks/{endpoint_id} — delete a webhook endpoint (204, 404 when unknown)
import { deleteWebhookRoute } from '@/contracts/webhooks';
import { route } from '@/server/http/route';
import { deleteWebhookEndpoint } from '@/server/services/webhooks/delete-webhook-endpoint';

export const DELETE = route(deleteWebhookRoute, async ({ params }) => {
  await deleteWebhookEndpoint(params.workspace_id, params.endpoint_id);
  return {};
});
