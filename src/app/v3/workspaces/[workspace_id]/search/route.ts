// POST /v3/workspaces/{ws}/search — hybrid search over every message of the workspace (bare array)
import 'server-only';

import { searchWorkspaceRoute } from '@/contracts/search';
import { route } from '@/server/http/route';
import { searchMessages } from '@/server/services/search/search-messages';

export const POST = route(searchWorkspaceRoute, async ({ params, body, credential, signal }) => ({
  body: await searchMessages(credential, { workspace: params.workspace_id }, body, undefined, { signal }),
}));
