import 'server-only';
// The credential check every /v3 route runs before its handler (docs/api.md#s4): authenticate the Authorization
// header, then let the one authorization function (services/auth/decide-access) apply the route's declared auth code,
// looking up session membership only when its answer depends on it. Every failure is a 401 with the text given in docs/api.md#s4, and counts
// towards failed-auth burst detection (audit log); with rate limiting on it also spends its address's budget (429 past it).
import type { RouteContract } from '@/contracts/route-contract';
import { isAuthDisabled } from '@/server/config/auth-config';
import { logger } from '@/server/observability/logger';
import { noteAuthFailure } from '@/server/services/auth/auth-failure-monitor';
import { authenticate, bearerToken } from '@/server/services/auth/authenticate';
import { ANONYMOUS, AUTH_DISABLED_ADMIN, type Credential } from '@/server/services/auth/credential';
import { decideAccess } from '@/server/services/auth/decide-access';
import { jwtSubject, looksLikeJwt } from '@/server/services/auth/jwt';
import { isActiveSessionMember } from '@/server/services/auth/session-membership';
import { StoredKeyRejectedError } from '@/server/services/auth/stored-key';
import { UnauthorizedError } from '@/server/services/errors';
import { hashApiKey } from '@/server/services/keys/api-key-format';
import { clientIp } from './client-ip';
import { spendFailedAuthBudget } from './rate-limit';

export type { Credential } from '@/server/services/auth/credential';

export async function authorizeRequest(
  request: Request,
  contract: RouteContract,
  params: Record<string, string>,
): Promise<Credential> {
  // docs/api.md#s4-1: auth disabled → admin, whatever the header says.
  if (isAuthDisabled()) return AUTH_DISABLED_ADMIN;
  if (contract.auth === 'none') return ANONYMOUS;
  let credential: Credential | undefined;
  try {
    credential = await authenticate(request.headers.get('authorization'));
    let decision = decideAccess(credential, contract.auth, params);
    if (decision.outcome === 'needs-membership') {
      decision = decideAccess(credential, contract.auth, params, await isActiveSessionMember(decision.query));
    }
    if (decision.outcome === 'deny') throw new UnauthorizedError(decision.detail);
    return credential;
  } catch (error) {
    if (error instanceof UnauthorizedError) {
      await spendFailedAuthBudget(request);
      await recordFailure(request, error, credential);
    }
    throw error;
  }
}

async function recordFailure(request: Request, error: UnauthorizedError, credential: Credential | undefined): Promise<void> {
  const token = bearerToken(request.headers.get('authorization'));
  const rejectedKey = error instanceof StoredKeyRejectedError ? error : undefined;
  const subject =
    credential?.subject ??
    (rejectedKey ? `key:${rejectedKey.keyId}` : token === null ? undefined : looksLikeJwt(token) ? jwtSubject(token) : `value:${hashApiKey(token)}`);
  try {
    await noteAuthFailure({
      ip: clientIp(request),
      subject,
      keyId: rejectedKey?.keyId ?? (credential?.subject?.startsWith('key:') ? credential.subject.slice(4) : undefined),
      workspaceId: rejectedKey?.workspaceId,
      detail: error.message,
      method: request.method,
      path: new URL(request.url).pathname,
    });
  } catch (auditError) {
    // Bookkeeping must never turn a 401 into a 500.
    logger().error({ err: auditError }, 'recording a failed authentication failed');
  }
}
