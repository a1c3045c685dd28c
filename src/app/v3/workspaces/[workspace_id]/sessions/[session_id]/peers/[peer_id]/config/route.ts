// GET /v3/workspaces/{ws}/sessions/{sess}/peers/{peer}/config — a peer's observation settings in the session
// PUT …/config — merge new settings (204, empty body)
import 'server-only';

import { getSessionPeerConfigRoute, setSessionPeerConfigRoute } from '@/contracts/sessions';
import { route } from '@/server/http/route';
import { getSessionPeerConfig } from '@/server/services/sessions/get-session-peer-config';
import { setSessionPeerConfig } from '@/server/services/sessions/set-session-peer-config';

export const GET = route(getSessionPeerConfigRoute, async ({ params }) => ({
  body: await getSessionPeerConfig(params.workspace_id, params.session_id, params.peer_id),
}));

export const PUT = route(setSessionPeerConfigRoute, async ({ params, body }) => {
  await setSessionPeerConfig(params.workspace_id, params.session_id, params.peer_id, body);
  return { status: 204 };
});
