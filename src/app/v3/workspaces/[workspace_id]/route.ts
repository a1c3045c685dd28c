// PUT /v3/workspaces/{workspace_id} — upsert a workspace; DELETE — delete it and everything in it (409 with live sessions)
import { WORKSPACE_DELETION_ACCEPTED, deleteWorkspaceRoute, updateWorkspaceRoute } from '@/contracts/workspaces';
import { route } from '@/server/http/route';
import { deleteWorkspace } from '@/server/services/workspaces/delete-workspace';
import { updateWorkspace } from '@/server/services/workspaces/update-workspace';

export const PUT = route(updateWorkspaceRoute, async ({ params, body }) => ({
  body: await updateWorkspace(params.workspace_id, body),
}));

export const DELETE = route(deleteWorkspaceRoute, async ({ params }) => {
  await deleteWorkspace(params.workspace_id);
  return { body: { message: WORKSPACE_DELETION_ACCEPTED } };
});
