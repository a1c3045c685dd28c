import 'server-only';
// The session page's context preview: exactly what GET …/sessions/{session}/context returns (the same service, with
// an app-wide credential) for a budget, a peer and optionally a scope, plus what the page shows beside it: how many
// tokens the messages and summary took. Unlike the wire, an unknown session, peer or scope is NOT_FOUND rather than
// an empty context, so the preview never shows a blank answer for a typo.
import type { SessionContextInput } from '@/contracts/console-session';
import type { Db } from '@/server/db/client';
import { getSessionContext, type SessionContext } from '../context/get-session-context';
import { requirePeer } from '../peers/ensure-peer';
import { requireScope } from '../scopes/scope-peers';
import { requireSession } from '../sessions/ensure-session';

export type ContextPreview = SessionContext & { messageTokens: number; summaryTokens: number };

export async function previewSessionContext(
  db: Db,
  workspace: { id: string; name: string },
  input: Omit<SessionContextInput, 'app'>,
): Promise<ContextPreview> {
  await requireSession(db, workspace.id, input.session, workspace.name);
  if (input.peer) await requirePeer(db, workspace.id, input.peer);
  if (input.scope) await requireScope(db, workspace.id, input.scope);
  const context = await getSessionContext(
    { kind: 'workspace', workspace: workspace.name },
    { workspace: workspace.name, session: input.session },
    {
      tokens: input.tokens,
      summary: input.summary,
      ...(input.peer ? { peer_target: input.peer } : {}),
      ...(input.scope ? { scope: input.scope } : {}),
    },
    db,
  );
  return {
    ...context,
    messageTokens: context.messages.reduce((sum, m) => sum + m.token_count, 0),
    summaryTokens: context.summary?.token_count ?? 0,
  };
}
