// GET /v3/workspaces/{ws}/peers/{peer}/context — the peer's representation of a target and its card, in one call
import 'server-only';

import { getPeerContextRoute } from '@/contracts/representation';
import { route } from '@/server/http/route';
import { getPeerContext } from '@/server/services/context/get-peer-context';

export const GET = route(getPeerContextRoute, async ({ params, query, signal }) => ({
  body: await getPeerContext({ workspace: params.workspace_id, peer: params.peer_id }, query, undefined, { signal }),
}));
