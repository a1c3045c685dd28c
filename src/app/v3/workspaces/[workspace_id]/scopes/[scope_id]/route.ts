// GET /v3/workspaces/{ws}/scopes/{scope} — one scope (404 when unknown)
import 'server-only';

import { getScopeRoute } from '@/contracts/scopes';
import { route } from '@/server/http/route';
import { getScope } from '@/server/services/scopes/get-scope';

export const GET = route(getScopeRoute, async ({ params }) => ({ body: await getScope(params.workspace_id, params.scope_id) }));
