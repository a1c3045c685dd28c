// PUT /v3/workspaces/{ws}/sessions/{sess} — update (or create) a session
// DELETE /v3/workspaces/{ws}/sessions/{sess} — delete a session with everything derived from it
import 'server-only';

import { deleteSessionRoute, SESSION_DELETED, updateSessionRoute } from '@/contracts/sessions';
import { route } from '@/server/http/route';
import { deleteSession } from '@/server/services/sessions/delete-session';
import { updateSession } from '@/server/services/sessions/update-session';

export const PUT = route(updateSessionRoute, async ({ params, body }) => ({
  body: await updateSession(params.workspace_id, params.session_id, body),
}));

export const DELETE = route(deleteSessionRoute, async ({ params }) => {
  await deleteSession(params.workspace_id, params.session_id);
  return { body: { message: SESSION_DELETED } };
});
