// GET, DELETE /v3/workspaces/{ws}/conclusions/{id} — read or delete one conclusion
import 'server-only';

import { deleteConclusionRoute, getConclusionRoute } from '@/contracts/conclusions';
import { route } from '@/server/http/route';
import { deleteConclusion } from '@/server/services/conclusions/delete-conclusion';
import { getConclusion } from '@/server/services/conclusions/get-conclusion';

export const GET = route(getConclusionRoute, async ({ params }) => ({
  body: await getConclusion(params.workspace_id, params.conclusion_id),
}));

export const DELETE = route(deleteConclusionRoute, async ({ params }) => {
  await deleteConclusion(params.workspace_id, params.conclusion_id);
  return {};
});
