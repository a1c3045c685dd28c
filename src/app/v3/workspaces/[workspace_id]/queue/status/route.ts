// GET /v3/workspaces/{workspace_id}/queue/status — derivation, summary and dream items counted by state
import { getQueueStatusRoute } from '@/contracts/queue';
import { route } from '@/server/http/route';
import { getQueueStatus } from '@/server/services/queue/get-queue-status';

export const GET = route(getQueueStatusRoute, async ({ params, query }) => ({
  body: await getQueueStatus(params.workspace_id, {
    observerId: query.observer_id,
    senderId: query.sender_id,
    sessionId: query.session_id,
  }),
}));
