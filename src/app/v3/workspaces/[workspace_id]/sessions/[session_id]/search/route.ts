// POST /v3/workspaces/{ws}/sessions/{sess}/search — hybrid search within one session (bare array)
import 'server-only';

import { searchSessionRoute } from '@/contracts/search';
import { route } from '@/server/http/route';
import { searchMessages } from '@/server/services/search/search-messages';

export const POST = route(searchSessionRoute, async ({ params, body, credential, signal }) => ({
  body: await searchMessages(credential, { workspace: params.workspace_id, session: params.session_id }, body, undefined, { signal }),
}));
