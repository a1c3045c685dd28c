// GET /v3/workspaces/{ws}/sessions/{sess}/peers — active members, in join order
// POST …/peers — add peers; PUT …/peers — set the members; DELETE …/peers (JSON array body) — mark peers as left
import 'server-only';

import {
  addSessionPeersRoute,
  listSessionPeersRoute,
  removeSessionPeersRoute,
  setSessionPeersRoute,
} from '@/contracts/sessions';
import { route } from '@/server/http/route';
import { addSessionPeers } from '@/server/services/sessions/add-session-peers';
import { listSessionPeers } from '@/server/services/sessions/list-session-peers';
import { removeSessionPeers } from '@/server/services/sessions/remove-session-peers';
import { setSessionPeers } from '@/server/services/sessions/set-session-peers';

export const GET = route(listSessionPeersRoute, async ({ params, query }) => ({
  body: await listSessionPeers(params.workspace_id, params.session_id, query),
}));

export const POST = route(addSessionPeersRoute, async ({ params, body }) => ({
  body: await addSessionPeers(params.workspace_id, params.session_id, body),
}));

export const PUT = route(setSessionPeersRoute, async ({ params, body }) => ({
  body: await setSessionPeers(params.workspace_id, params.session_id, body),
}));

export const DELETE = route(removeSessionPeersRoute, async ({ params, body }) => ({
  body: await removeSessionPeers(params.workspace_id, params.session_id, body),
}));
