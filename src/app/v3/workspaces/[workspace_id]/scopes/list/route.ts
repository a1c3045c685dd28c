// POST /v3/workspaces/{ws}/scopes/list — a page of scopes; GET falls through to the scope named "list"
import 'server-only';

import { listScopesRoute } from '@/contracts/scopes';
import { fallThroughTo } from '@/server/http/fall-through';
import { route } from '@/server/http/route';
import { listScopes } from '@/server/services/scopes/list-scopes';
import { GET as getScope } from '../[scope_id]/route';

export const POST = route(listScopesRoute, async ({ params, query }) => ({ body: await listScopes(params.workspace_id, query) }));
export const GET = fallThroughTo(getScope, { scope_id: 'list' });
