import 'server-only';
// Failed-auth bursts → audit log. Every 401 from the credential check counts against the client address and, when
// one was presented, the credential; the hit that reaches the threshold within a window writes one audit event, so a
// burst is recorded once per window however long it lasts. Counts live in rate_limit_buckets, shared by instances;
// they stop one past the threshold, so what a flood of 401s writes per address and window is bounded.
import type { DbClient } from '@/server/db/client';
import { AUDIT_ACTIONS, recordAuditEvent } from '../audit/record-audit-event';
import { countInWindow } from '../rate-limit/count-in-window';

export const AUTH_FAILURE_BURST_THRESHOLD = 10;
export const AUTH_FAILURE_WINDOW_SECONDS = 60;

export type AuthFailure = {
  ip: string;
  /** `jwt:<hash>`, `key:<id>`, or `value:<hash>` of an unknown value; absent when nothing was presented. Never a secret. */
  subject?: string;
  /** Known when the presented value is a stored key (revoked, expired, out of scope). */
  keyId?: string;
  /** Internal workspace key of that stored key. */
  workspaceId?: string;
  detail: string;
  method: string;
  path: string;
};

export async function noteAuthFailure(failure: AuthFailure, db?: DbClient): Promise<void> {
  const counters: { scope: 'ip' | 'credential'; key: string }[] = [{ scope: 'ip', key: `authfail:ip:${failure.ip}` }];
  if (failure.subject) counters.push({ scope: 'credential', key: `authfail:cred:${failure.subject}` });
  for (const counter of counters) {
    // Counters stop at the threshold, so a long burst writes nothing once it is recorded. Once the address's burst
    // is recorded, its failures stop counting per credential too: rotating random tokens cannot add a row each.
    const { count } = await countInWindow(counter.key, AUTH_FAILURE_WINDOW_SECONDS, db, AUTH_FAILURE_BURST_THRESHOLD + 1);
    if (counter.scope === 'ip' && count > AUTH_FAILURE_BURST_THRESHOLD) return;
    if (count !== AUTH_FAILURE_BURST_THRESHOLD) continue;
    await recordAuditEvent(
      {
        action: AUDIT_ACTIONS.authFailureBurst,
        workspaceId: failure.workspaceId ?? null,
        actorKeyId: failure.keyId ?? null,
        ip: failure.ip,
        target: counter.scope === 'credential' ? (failure.subject ?? null) : null,
        details: {
          scope: counter.scope,
          failures: count,
          window_seconds: AUTH_FAILURE_WINDOW_SECONDS,
          last_detail: failure.detail,
          last_request: `${failure.method} ${failure.path}`,
        },
      },
      db,
    );
  }
}
