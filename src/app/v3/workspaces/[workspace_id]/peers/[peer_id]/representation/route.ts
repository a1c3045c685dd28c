// POST /v3/workspaces/{ws}/peers/{peer}/representation — what the peer holds about itself or `target`, as markdown
import 'server-only';

import { getRepresentationRoute } from '@/contracts/representation';
import { route } from '@/server/http/route';
import { getRepresentation } from '@/server/services/representation/get-representation';

export const POST = route(getRepresentationRoute, async ({ params, body, credential, signal }) => ({
  body: await getRepresentation(credential, { workspace: params.workspace_id, peer: params.peer_id }, body, undefined, { signal }),
}));
