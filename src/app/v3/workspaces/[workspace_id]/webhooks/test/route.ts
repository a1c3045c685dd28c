// GET /v3/workspaces/{workspace_id}/webhooks/test — queue a test.event to every endpoint; answers `null`.
// DELETE falls through to the endpoint named "test" (docs/api.md#s1-1).
import { testWebhooksRoute } from '@/contracts/webhooks';
import { fallThroughTo } from '@/server/http/fall-through';
import { route } from '@/server/http/route';
import { sendTestEvent } from '@/server/services/webhooks/send-test-event';
import { DELETE as deleteEndpoint } from '../[endpoint_id]/route';

export const GET = route(testWebhooksRoute, async ({ params }) => {
  await sendTestEvent(params.workspace_id);
  return { body: null };
});
export const DELETE = fallThroughTo(deleteEndpoint, { endpoint_id: 'test' });
