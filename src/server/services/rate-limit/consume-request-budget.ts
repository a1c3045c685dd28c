import 'server-only';
// Per-credential request budgets (docs/honcho-differences.md#rate-limits): each request spends one unit of its credential's budget for the
// current fixed window. The subject is a stored key id (`key:…`), a JWT hash (`jwt:…`), or the client address when auth
// is disabled (`ip:…`); raw secrets never reach the table.
import type { RateLimitConfig } from '@/server/config/auth-config';
import type { DbClient } from '@/server/db/client';
import { countInWindow } from './count-in-window';

export type RequestBudget = {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
  exceeded: boolean;
};

export async function consumeRequestBudget(
  subject: string,
  config: Pick<RateLimitConfig, 'requests' | 'windowSeconds'>,
  db?: DbClient,
): Promise<RequestBudget> {
  // Counting stops one past the budget: every request after that is refused without writing anything.
  const { count, resetSeconds } = await countInWindow(`rl:${subject}`, config.windowSeconds, db, config.requests + 1);
  return {
    limit: config.requests,
    remaining: Math.max(0, config.requests - count),
    resetSeconds,
    exceeded: count > config.requests,
  };
}
