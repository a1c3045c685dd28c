// POST /v3/workspaces/{ws}/scopes/{scope}/sessions — add sessions to a scope (204)
import 'server-only';

import { addScopeSessionsRoute } from '@/contracts/scopes';
import { route } from '@/server/http/route';
import { addScopeSessions } from '@/server/services/scopes/add-scope-sessions';

export const POST = route(addScopeSessionsRoute, async ({ params, body }) => {
  await addScopeSessions(params.workspace_id, params.scope_id, body.session_ids);
  return {};
});
