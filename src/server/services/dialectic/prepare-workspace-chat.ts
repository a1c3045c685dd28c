import 'server-only';
// POST /v3/workspaces/{ws}/chat (docs/api.md#s3-11): the whole workspace — every view's conclusions and every
// message — from no single perspective, so no peer card. Workspace-level credentials only (docs/api.md#s4-4); the workspace and
// any pinned session must exist (404).
import type { WorkspaceChatBody } from '@/contracts/chat';
import { getDb, type Db } from '@/server/db/client';
import type { Credential } from '../auth/credential';
import { assertWorkspaceLevel } from '../auth/handler-checks';
import { requireSession } from '../sessions/ensure-session';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { resolveScopeRead, scopeMemberSessionIds, checkScopeOption } from '../scopes/read-through-scope';
import { responseFormatOf } from './chat-checks';
import { chatPlan } from './chat-plan';
import type { ChatPlan } from './chat-run';

export async function prepareWorkspaceChat(
  credential: Credential,
  workspaceName: string,
  body: WorkspaceChatBody,
  db: Db = getDb(),
): Promise<ChatPlan> {
  assertWorkspaceLevel(credential);
  const scoped = checkScopeOption(credential, body.scope, { session_id: Boolean(body.session_id) }, 'body.scope');
  const responseFormat = responseFormatOf(body.response_format);
  const workspace = await requireWorkspace(db, workspaceName);
  const session = body.session_id ? await requireSession(db, workspace.id, body.session_id, workspace.name) : null;
  // Without a single perspective, one scope and a list of scopes both bound recall to their member sessions.
  const scopeSessions = scoped ? await scopeSessionIds(db, workspace.id, body.scope!) : null;
  const sessionIds = session ? [session.id] : scopeSessions;
  return chatPlan(body, { responseFormat, workspace, session, view: null, messageSessionIds: sessionIds, conclusionSessionIds: sessionIds, useCard: false });
}

async function scopeSessionIds(db: Db, workspaceId: string, scope: string | readonly string[]): Promise<string[]> {
  const read = await resolveScopeRead(db, workspaceId, scope, 'body.scope');
  return read.kind === 'sessions' ? read.sessionIds : scopeMemberSessionIds(db, [read.scope]);
}
