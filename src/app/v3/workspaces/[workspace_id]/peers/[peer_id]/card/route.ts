// GET /v3/workspaces/{ws}/peers/{peer}/card — the peer's card about itself or `target`
// PUT /v3/workspaces/{ws}/peers/{peer}/card — replace that card verbatim (get-or-creates the peer)
import 'server-only';

import { getPeerCardRoute, setPeerCardRoute } from '@/contracts/representation';
import { route } from '@/server/http/route';
import { getPeerCard } from '@/server/services/cards/get-peer-card';
import { setPeerCard } from '@/server/services/cards/set-peer-card';

export const GET = route(getPeerCardRoute, async ({ params, query }) => ({
  body: await getPeerCard({ workspace: params.workspace_id, peer: params.peer_id }, query.target),
}));

export const PUT = route(setPeerCardRoute, async ({ params, query, body }) => ({
  body: await setPeerCard({ workspace: params.workspace_id, peer: params.peer_id }, query.target, body.peer_card),
}));
