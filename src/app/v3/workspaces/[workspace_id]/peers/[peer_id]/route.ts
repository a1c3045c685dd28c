// PUT /v3/workspaces/{workspace_id}/peers/{peer_id} — upsert a peer; DELETE — delete the peer and everything about it
import { PEER_DELETION_ACCEPTED, deletePeerRoute, updatePeerRoute } from '@/contracts/peers';
import { route } from '@/server/http/route';
import { deletePeer } from '@/server/services/peers/delete-peer';
import { updatePeer } from '@/server/services/peers/update-peer';

export const PUT = route(updatePeerRoute, async ({ params, body }) => ({
  body: await updatePeer(params.workspace_id, params.peer_id, body),
}));

export const DELETE = route(deletePeerRoute, async ({ params }) => {
  await deletePeer(params.workspace_id, params.peer_id);
  return { body: { message: PEER_DELETION_ACCEPTED } };
});
