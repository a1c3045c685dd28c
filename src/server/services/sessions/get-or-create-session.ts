import 'server-only';
// POST …/sessions (docs/api.md#s3-4): get-or-create. A new session (and its workspace) is created with the given
// metadata and configuration; an existing live one gets metadata replaced and configuration merged. `peers` are
// get-or-created and joined; the observer limit is checked on the result, so a 400 creates nothing. `scopes` are
// get-or-created and the session joins each of them.
import type { SessionPeerConfigInput, SessionWire } from '@/contracts/sessions';
import { ensureScope } from '../scopes/get-or-create-scope';
import { joinScope } from '../scopes/scope-membership';
import { sessionToWire } from '../wire-format';
import { ensureWorkspace } from '../workspaces/ensure-workspace';
import { applySessionChanges } from './apply-session-changes';
import { ensureSession } from './ensure-session';
import { assertObserverLimit, joinSessionPeers, peerJoins } from './session-memberships';
import { inSessionTransaction, lockSessionRow } from './session-transaction';

export type GetOrCreateSessionInput = {
  id: string;
  metadata?: Record<string, unknown> | null;
  configuration?: Record<string, unknown> | null;
  peers?: Record<string, SessionPeerConfigInput> | null;
  scopes?: string[] | null;
};

export async function getOrCreateSession(
  workspaceName: string,
  input: GetOrCreateSessionInput,
): Promise<{ session: SessionWire; created: boolean }> {
  return inSessionTransaction(async (tx) => {
    const { workspace } = await ensureWorkspace(tx, workspaceName);
    const ensured = await ensureSession(tx, workspace.id, input.id, {
      metadata: input.metadata ?? {},
      configuration: input.configuration ?? {},
    });
    await lockSessionRow(tx, ensured.session);
    let session = ensured.session;
    if (!ensured.created) session = await applySessionChanges(tx, session, input);
    const joins = peerJoins(input.peers);
    if (joins.length > 0) {
      await joinSessionPeers(tx, session, joins, 'body.peers');
      await assertObserverLimit(tx, session);
    }
    // Scopes are created as needed; a session that already has messages gets a backfill per scope it joins.
    for (const scopeId of [...new Set(input.scopes ?? [])].sort()) {
      const { scope } = await ensureScope(tx, workspace.id, scopeId);
      await joinScope(tx, scope, session);
    }
    return { session: sessionToWire(session, workspace.name), created: ensured.created };
  });
}
