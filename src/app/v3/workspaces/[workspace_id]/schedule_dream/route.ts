// POST /v3/workspaces/{workspace_id}/schedule_dream — queue a dream for one (observer, observed) view; 204
import { scheduleDreamRoute } from '@/contracts/dreams';
import { route } from '@/server/http/route';
import { scheduleDream } from '@/server/services/dreams/schedule-dream';

export const POST = route(scheduleDreamRoute, async ({ params, body }) => {
  await scheduleDream(params.workspace_id, body);
  return {};
});
