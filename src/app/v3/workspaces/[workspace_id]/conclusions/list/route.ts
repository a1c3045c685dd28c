// POST /v3/workspaces/{ws}/conclusions/list — a page of conclusions, newest first
// GET/DELETE …/conclusions/list — the conclusion whose id is `list` (static segments win only for their methods)
import 'server-only';

import { listConclusionsRoute } from '@/contracts/conclusions';
import { fallThroughTo } from '@/server/http/fall-through';
import { route } from '@/server/http/route';
import { listConclusions } from '@/server/services/conclusions/list-conclusions';
import { DELETE as deleteConclusion, GET as getConclusion } from '../[conclusion_id]/route';

export const POST = route(listConclusionsRoute, async ({ params, query, body }) => ({
  body: await listConclusions(params.workspace_id, body.filters, query),
}));
export const GET = fallThroughTo(getConclusion, { conclusion_id: 'list' });
export const DELETE = fallThroughTo(deleteConclusion, { conclusion_id: 'list' });
