import 'server-only';
// POST /v3/workspaces/{ws}/chat (api-contract §3.11): the whole workspace — every view's conclusions and every
// message — from no single perspective, so no peer card. Workspace-level credentials only (§4.4); the workspace and
// any pinned session must exist (404).
import type { WorkspaceChatBody } from '@/contracts/chat';
import { getDb, type Db } from '@/server/db/client';
import type { Credential } from '../auth/credential';
import { assertWorkspaceLevel } from '../auth/handler-checks';
import { requireSession } from '../sessions/ensure-session';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { refuseScope, responseFormatOf } from './chat-checks';
import type { ChatPlan } from './chat-run';

export async function prepareWorkspaceChat(
  credential: Credential,
  workspaceName: string,
  body: WorkspaceChatBody,
  db: Db = getDb(),
): Promise<ChatPlan> {
  assertWorkspaceLevel(credential);
  refuseScope(credential, body.scope);
  const responseFormat = responseFormatOf(body.response_format);
  const workspace = await requireWorkspace(db, workspaceName);
  const session = body.session_id ? await requireSession(db, workspace.id, body.session_id, workspace.name) : null;
  return {
    recall: {
      workspace: { id: workspace.id, name: workspace.name },
      view: null,
      messageSessionIds: session ? [session.id] : null,
      conclusionSessionIds: session ? [session.id] : null,
      session: session ? { id: session.id, name: session.name } : null,
    },
    question: body.query,
    stream: body.stream ?? false,
    level: body.reasoning_level ?? 'low',
    responseFormat,
    includeEvidence: body.include_evidence ?? false,
    useCard: false,
  };
}
