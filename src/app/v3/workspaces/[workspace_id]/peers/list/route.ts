// POST /v3/workspaces/{workspace_id}/peers/list — list peers; PUT and DELETE fall through to the peer named "list"
import { listPeersRoute } from '@/contracts/peers';
import { fallThroughTo } from '@/server/http/fall-through';
import { route } from '@/server/http/route';
import { listPeers } from '@/server/services/peers/list-peers';
import { DELETE as deletePeer, PUT as updatePeer } from '../[peer_id]/route';

export const POST = route(listPeersRoute, async ({ params, body, query }) => ({
  body: await listPeers(params.workspace_id, body, query),
}));
export const PUT = fallThroughTo(updatePeer, { peer_id: 'list' });
export const DELETE = fallThroughTo(deletePeer, { peer_id: 'list' });
