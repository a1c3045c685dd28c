// GET /v3/workspaces/{workspace_id}/peers/{peer_id}/export — everything stored about the peer (rapport.peer-export/1)
import { exportPeerRoute } from '@/contracts/peers';
import { route } from '@/server/http/route';
import { exportPeer } from '@/server/services/peers/export-peer';

export const GET = route(exportPeerRoute, async ({ params }) => ({ body: await exportPeer(params.workspace_id, params.peer_id) }));
