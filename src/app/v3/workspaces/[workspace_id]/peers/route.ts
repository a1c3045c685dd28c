// POST /v3/workspaces/{workspace_id}/peers — get-or-create a peer (and its workspace); supplied fields replace stored ones
import { createPeerRoute } from '@/contracts/peers';
import { route } from '@/server/http/route';
import { getOrCreatePeer } from '@/server/services/peers/get-or-create-peer';

export const POST = route(createPeerRoute, async ({ params, body, credential }) => {
  const { created, peer } = await getOrCreatePeer(credential, params.workspace_id, body);
  return { status: created ? 201 : 200, body: peer };
});
