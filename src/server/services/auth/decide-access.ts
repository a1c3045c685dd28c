// The authorization algorithm of docs/api.md#s4-3, in one pure function. Every /v3 route declares its auth code in
// the registry; the REST adapter authenticates, then asks this function. When the answer depends on session
// membership (a peer credential on a W/S+m route) it says so instead of guessing, and the caller looks membership up
// and asks again, so the database is touched only when the rule needs it.
import type { AuthScope } from '@/contracts/route-contract';
import { AUTH_ERRORS, type Credential } from './credential';

/** Path parameters the algorithm reads, named as in the route registry. */
export type AccessParams = { workspace_id?: string; peer_id?: string; session_id?: string };

export type MembershipQuery = { workspace: string; session: string; peer: string };

export type AccessDecision =
  | { outcome: 'allow' }
  | { outcome: 'deny'; detail: string }
  | { outcome: 'needs-membership'; query: MembershipQuery };

const ALLOW: AccessDecision = { outcome: 'allow' };
const deny = (detail: string): AccessDecision => ({ outcome: 'deny', detail });

/**
 * docs/api.md#s4-3. `activeMember` answers "is the credential's peer an active (not left) member of {session_id}?"; pass it only
 * after a `needs-membership` decision asked for it.
 */
export function decideAccess(
  credential: Credential,
  auth: AuthScope,
  params: AccessParams,
  activeMember?: boolean,
): AccessDecision {
  if (auth === 'none') return ALLOW;
  // 1–2. Auth disabled, or an admin credential.
  if (credential.kind === 'admin') return ALLOW;
  // 3. Admin-only routes.
  if (auth === 'A') return deny(AUTH_ERRORS.adminRequired);
  // 4. The handler checks the body against the credential (docs/api.md#s4-4).
  if (auth === 'self') return ALLOW;
  // 5. Every other route lives inside {workspace_id}.
  if (params.workspace_id === undefined || credential.workspace !== params.workspace_id) return deny(AUTH_ERRORS.notPermissioned);

  switch (credential.kind) {
    // 8. A workspace credential reaches everything inside its workspace.
    case 'workspace':
      return ALLOW;
    // 6. A session credential reaches only its own session's W/S and W/S+m routes.
    case 'session':
      return (auth === 'W/S' || auth === 'W/S+m') && params.session_id !== undefined && credential.session === params.session_id
        ? ALLOW
        : deny(AUTH_ERRORS.notPermissioned);
    // 7. A peer credential reaches its own W/P routes, and reads sessions it is an active member of.
    case 'peer': {
      if (auth === 'W/P') return params.peer_id !== undefined && credential.peer === params.peer_id ? ALLOW : deny(AUTH_ERRORS.notPermissioned);
      if (auth !== 'W/S+m' || params.session_id === undefined) return deny(AUTH_ERRORS.notPermissioned);
      // A W/S+m route naming a peer (`…/peers/{peer_id}/config`) is readable only for the credential's own peer.
      if (params.peer_id !== undefined && params.peer_id !== credential.peer) return deny(AUTH_ERRORS.notPermissioned);
      if (activeMember === undefined) {
        return { outcome: 'needs-membership', query: { workspace: credential.workspace, session: params.session_id, peer: credential.peer } };
      }
      return activeMember ? ALLOW : deny(AUTH_ERRORS.notPermissioned);
    }
  }
}
