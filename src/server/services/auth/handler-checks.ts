import 'server-only';
// Handler-level authorization (docs/api.md#s4-4): the rules that depend on the request body or on options rather
// than on the path, so the adapter's route-level decision (decide-access) cannot apply them. Handlers call these with
// the credential the adapter handed them; every failure is a 401 `Unauthorized access to resource`.
import { getDb, type DbClient } from '@/server/db/client';
import { UnauthorizedError } from '../errors';
import { AUTH_ERRORS, type Credential } from './credential';
import { isActiveSessionMember } from './session-membership';

const refuse = () => new UnauthorizedError(AUTH_ERRORS.unauthorizedResource);

export type SelfTarget = {
  /** The workspace being bootstrapped (body `id` of POST /v3/workspaces) or the path's `{workspace_id}`. */
  workspace: string;
  /** POST …/peers: body `id`; a peer credential may only get-or-create itself. */
  peer?: string;
  /** POST …/sessions: body `id`; a session credential may only get-or-create its own session. */
  session?: string;
  /** POST …/sessions with `scopes`: only workspace-level (or admin) credentials. */
  workspaceLevelOnly?: boolean;
};

/**
 * The `self` routes: POST /v3/workspaces `{workspace: body.id}`, POST …/peers `{workspace, peer: body.id}`,
 * POST …/sessions `{workspace, session: body.id, workspaceLevelOnly: scopes given}`. Any credential kind whose `w`
 * matches may bootstrap its workspace, since the SDK does so before every other call (docs/api.md#s7-1).
 */
export function assertSelfAccess(credential: Credential, target: SelfTarget): void {
  if (credential.kind === 'admin') return;
  if (credential.workspace !== target.workspace) throw refuse();
  if (target.peer !== undefined && credential.kind === 'peer' && credential.peer !== target.peer) throw refuse();
  if (target.session !== undefined && credential.kind === 'session' && credential.session !== target.session) throw refuse();
  if (target.workspaceLevelOnly) assertWorkspaceLevel(credential);
}

/** Scope routes and options, workspace chat, message search `peer_perspective`: admin or workspace credentials only. */
export function assertWorkspaceLevel(credential: Credential): void {
  if (credential.kind !== 'admin' && credential.kind !== 'workspace') throw refuse();
}

/** Session context `peer_perspective ?? peer_target`: a peer credential may only take its own perspective. */
export function assertOwnPeer(credential: Credential, peer: string | null | undefined): void {
  if (credential.kind === 'peer' && peer !== credential.peer) throw refuse();
}

/**
 * Peer chat and representation: for a peer credential every session named (via `session_id` or filters) must have
 * the peer as an active member. Other credentials already passed the route-level check.
 */
export async function assertPeerMayReadSessions(
  credential: Credential,
  sessions: readonly string[],
  db: DbClient = getDb(),
): Promise<void> {
  if (credential.kind !== 'peer') return;
  for (const session of new Set(sessions)) {
    const member = await isActiveSessionMember({ workspace: credential.workspace, session, peer: credential.peer }, db);
    if (!member) throw refuse();
  }
}
