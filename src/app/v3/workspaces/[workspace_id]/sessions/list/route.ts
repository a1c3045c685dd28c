// POST /v3/workspaces/{ws}/sessions/list — a page of live sessions, filtered; PUT and DELETE fall through to the
// session named "list"
import 'server-only';

import { listSessionsRoute } from '@/contracts/sessions';
import { fallThroughTo } from '@/server/http/fall-through';
import { route } from '@/server/http/route';
import { listSessions } from '@/server/services/sessions/list-sessions';
import { DELETE as deleteSession, PUT as updateSession } from '../[session_id]/route';

export const POST = route(listSessionsRoute, async ({ params, query, body }) => ({
  body: await listSessions(params.workspace_id, body.filters, query),
}));
export const PUT = fallThroughTo(updateSession, { session_id: 'list' });
export const DELETE = fallThroughTo(deleteSession, { session_id: 'list' });
