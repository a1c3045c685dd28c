// POST /v3/workspaces/{ws}/conclusions — store up to 100 explicit conclusions (legacy body key `observations`)
import 'server-only';

import { createConclusionsRoute } from '@/contracts/conclusions';
import { route } from '@/server/http/route';
import { createConclusions } from '@/server/services/conclusions/create-conclusions';

export const POST = route(createConclusionsRoute, async ({ params, body, signal }) => ({
  body: await createConclusions(params.workspace_id, body.conclusions, { signal }),
}));
