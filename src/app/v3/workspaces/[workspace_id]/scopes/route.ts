// POST /v3/workspaces/{ws}/scopes — get-or-create a scope (201 created, 200 existing)
import 'server-only';

import { createScopeRoute } from '@/contracts/scopes';
import { route } from '@/server/http/route';
import { getOrCreateScope } from '@/server/services/scopes/get-or-create-scope';

export const POST = route(createScopeRoute, async ({ params, body }) => {
  const { scope, created } = await getOrCreateScope(params.workspace_id, body);
  return { status: created ? 201 : 200, body: scope };
});
