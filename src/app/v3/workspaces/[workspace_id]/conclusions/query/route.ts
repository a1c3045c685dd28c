// POST /v3/workspaces/{ws}/conclusions/query — hybrid search within one (observer, observed) view (bare array)
// GET/DELETE …/conclusions/query — the conclusion whose id is `query` (static segments win only for their methods)
import 'server-only';

import { queryConclusionsRoute } from '@/contracts/search';
import { fallThroughTo } from '@/server/http/fall-through';
import { route } from '@/server/http/route';
import { queryConclusions } from '@/server/services/search/query-conclusions';
import { DELETE as deleteConclusion, GET as getConclusion } from '../[conclusion_id]/route';

export const POST = route(queryConclusionsRoute, async ({ params, body, signal }) => ({
  body: await queryConclusions(params.workspace_id, body, undefined, { signal }),
}));
export const GET = fallThroughTo(getConclusion, { conclusion_id: 'query' });
export const DELETE = fallThroughTo(deleteConclusion, { conclusion_id: 'query' });
