// GET /v3/workspaces/{ws}/sessions/{sess}/context — messages, summary, representation and card within a token budget
import 'server-only';

import { getSessionContextRoute } from '@/contracts/context';
import { route } from '@/server/http/route';
import { getSessionContext } from '@/server/services/context/get-session-context';

export const GET = route(getSessionContextRoute, async ({ params, query, credential, signal }) => ({
  body: await getSessionContext(credential, { workspace: params.workspace_id, session: params.session_id }, query, undefined, { signal }),
}));
