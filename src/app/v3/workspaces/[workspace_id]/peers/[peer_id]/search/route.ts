// POST /v3/workspaces/{ws}/peers/{peer}/search — hybrid search over the messages the peer wrote (bare array)
import 'server-only';

import { searchPeerRoute } from '@/contracts/search';
import { route } from '@/server/http/route';
import { searchMessages } from '@/server/services/search/search-messages';

export const POST = route(searchPeerRoute, async ({ params, body, credential, signal }) => ({
  body: await searchMessages(credential, { workspace: params.workspace_id, peer: params.peer_id }, body, undefined, { signal }),
}));
