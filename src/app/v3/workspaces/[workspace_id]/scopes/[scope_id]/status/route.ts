// GET /v3/workspaces/{ws}/scopes/{scope}/status — backfill state per session
import 'server-only';

import { getScopeStatusRoute } from '@/contracts/scopes';
import { route } from '@/server/http/route';
import { getScopeStatus } from '@/server/services/scopes/get-scope-status';

export const GET = route(getScopeStatusRoute, async ({ params }) => ({ body: await getScopeStatus(params.workspace_id, params.scope_id) }));
