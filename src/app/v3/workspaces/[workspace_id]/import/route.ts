// POST /v3/workspaces/{workspace_id}/import — apply one batch of export lines (rapport.workspace-export/1)
import { importWorkspaceRoute } from '@/contracts/portability';
import { route } from '@/server/http/route';
import { importWorkspaceBatch } from '@/server/services/portability/import-workspace';

export const POST = route(importWorkspaceRoute, async ({ params, body }) => ({
  body: await importWorkspaceBatch(params.workspace_id, body.first_line, body.lines),
}));
