// POST /v3/workspaces/{ws}/sessions/{sess}/clone — copy a session (optionally up to a message) under a new id
import 'server-only';

import { cloneSessionRoute } from '@/contracts/sessions';
import { route } from '@/server/http/route';
import { cloneSession } from '@/server/services/sessions/clone-session';

export const POST = route(cloneSessionRoute, async ({ params, query }) => ({
  body: await cloneSession(params.workspace_id, params.session_id, query.message_id),
}));
