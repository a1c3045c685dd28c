// GET /v3/workspaces/{ws}/sessions/{sess}/summaries — the latest usable short and long summaries
import 'server-only';

import { getSessionSummariesRoute } from '@/contracts/context';
import { route } from '@/server/http/route';
import { getSessionSummaries } from '@/server/services/context/get-session-summaries';

export const GET = route(getSessionSummariesRoute, async ({ params }) => ({
  body: await getSessionSummaries({ workspace: params.workspace_id, session: params.session_id }),
}));
