// POST /v3/workspaces/list — list workspaces; PUT and DELETE fall through to the workspace named "list"
import { listWorkspacesRoute } from '@/contracts/workspaces';
import { fallThroughTo } from '@/server/http/fall-through';
import { route } from '@/server/http/route';
import { listWorkspaces } from '@/server/services/workspaces/list-workspaces';
import { DELETE as deleteWorkspace, PUT as updateWorkspace } from '../[workspace_id]/route';

export const POST = route(listWorkspacesRoute, async ({ body, query }) => ({ body: await listWorkspaces(body.filters, query) }));
export const PUT = fallThroughTo(updateWorkspace, { workspace_id: 'list' });
export const DELETE = fallThroughTo(deleteWorkspace, { workspace_id: 'list' });
