// POST /v3/workspaces/{ws}/sessions — get-or-create a session (201 created, 200 existing)
import 'server-only';

import { getOrCreateSessionRoute } from '@/contracts/sessions';
import { route } from '@/server/http/route';
import { assertSelfAccess } from '@/server/services/auth/handler-checks';
import { getOrCreateSession } from '@/server/services/sessions/get-or-create-session';

export const POST = route(getOrCreateSessionRoute, async ({ params, body, credential }) => {
  // docs/api.md#s4-4: a session credential only reaches its own session; scopes need a workspace-level credential.
  assertSelfAccess(credential, { workspace: params.workspace_id, session: body.id, workspaceLevelOnly: Boolean(body.scopes?.length) });
  const { session, created } = await getOrCreateSession(params.workspace_id, body);
  return { status: created ? 201 : 200, body: session };
});
