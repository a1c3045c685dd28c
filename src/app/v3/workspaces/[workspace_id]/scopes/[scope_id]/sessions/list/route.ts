// POST /v3/workspaces/{ws}/scopes/{scope}/sessions/list — a page of the scope's sessions; DELETE falls through to
// removing the session named "list"
import 'server-only';

import { listScopeSessionsRoute } from '@/contracts/scopes';
import { fallThroughTo } from '@/server/http/fall-through';
import { route } from '@/server/http/route';
import { listScopeSessions } from '@/server/services/scopes/list-scope-sessions';
import { DELETE as removeSession } from '../[session_id]/route';

export const POST = route(listScopeSessionsRoute, async ({ params, query }) => ({
  body: await listScopeSessions(params.workspace_id, params.scope_id, query),
}));
export const DELETE = fallThroughTo(removeSession, { session_id: 'list' });
