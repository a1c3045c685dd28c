import 'server-only';
// POST …/sessions (api-contract §3.4): get-or-create. A new session (and its workspace) is created with the given
// metadata and configuration; an existing live one gets metadata replaced and configuration merged. `peers` are
// get-or-created and joined; the observer limit is checked on the result, so a 400 creates nothing.
import type { SessionPeerConfigInput, SessionWire } from '@/contracts/sessions';
import { InvalidInputError } from '../errors';
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
  // Scope membership is not implemented yet; refusing is safer than silently ignoring a recall boundary.
  if (input.scopes && input.scopes.length > 0) throw InvalidInputError.at('body.scopes', 'Scopes are not supported yet');
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
    return { session: sessionToWire(session, workspace.name), created: ensured.created };
  });
}
