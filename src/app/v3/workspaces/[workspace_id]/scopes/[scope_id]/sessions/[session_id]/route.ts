// DELETE /v3/workspaces/{ws}/scopes/{scope}/sessions/{sess} — remove a session from a scope (204)
import 'server-only';

import { removeScopeSessionRoute } from '@/contracts/scopes';
import { route } from '@/server/http/route';
import { removeScopeSession } from '@/server/services/scopes/remove-scope-session';

export const DELETE = route(removeScopeSessionRoute, async ({ params }) => {
  await removeScopeSession(params.workspace_id, params.scope_id, params.session_id);
  return {};
});
