// GET /v3/workspaces/{workspace_id}/export — the whole workspace as NDJSON (rapport.workspace-export/1)
import { exportWorkspaceRoute } from '@/contracts/portability';
import { route } from '@/server/http/route';
import { exportStream, NDJSON_HEADERS, openWorkspaceExport } from '@/server/services/portability/export-workspace';

export const GET = route(exportWorkspaceRoute, async ({ params, query, signal }) => {
  const lines = await openWorkspaceExport(params.workspace_id, { embeddings: query.embeddings ?? false, signal });
  return new Response(exportStream(lines, signal), { headers: NDJSON_HEADERS });
});
