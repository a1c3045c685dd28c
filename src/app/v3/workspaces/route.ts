// POST /v3/workspaces — get-or-create a workspace (201 created, 200 existing and unchanged)
import { createWorkspaceRoute } from '@/contracts/workspaces';
import { route } from '@/server/http/route';
import { getOrCreateWorkspace } from '@/server/services/workspaces/get-or-create-workspace';

export const POST = route(createWorkspaceRoute, async ({ body, credential }) => {
  const { created, workspace } = await getOrCreateWorkspace(credential, body);
  return { status: created ? 201 : 200, body: workspace };
});
