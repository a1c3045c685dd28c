// POST /v3/workspaces/{workspace_id}/peers/{peer_id}/sessions — sessions the peer belongs or belonged to
import { listPeerSessionsRoute } from '@/contracts/peers';
import { route } from '@/server/http/route';
import { listPeerSessions } from '@/server/services/peers/list-peer-sessions';

export const POST = route(listPeerSessionsRoute, async ({ params, body, query }) => ({
  body: await listPeerSessions(params.workspace_id, params.peer_id, body.filters, query),
}));
