import 'server-only';
// Console sign-in throttling (docs/security.md). Every password attempt spends from three fixed-window budgets, counted
// in rate_limit_buckets so they hold across instances and parallel requests: per account and client address (what
// stops one attacker guessing one password), per client address (many accounts from one place) and per account (one
// account from many places; higher, so that one person cannot easily lock another out). Past any of them the attempt
// is refused before the password is checked, even when it is right, until the window ends.
import type { DbClient } from '@/server/db/client';
import { countInWindow } from '../rate-limit/count-in-window';

export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
export const SIGN_IN_LIMITS = { accountAndAddress: 10, address: 100, account: 50 } as const;

export class SignInThrottledError extends Error {
  constructor() {
    super('Too many sign-in attempts; try again later');
    this.name = 'SignInThrottledError';
  }
}

export type SignInAttempt = {
  throttled: boolean;
  /** True for the first refused attempt of a window only: the one worth an audit row. */
  firstThrottled: boolean;
};

export async function spendSignInAttempt(db: DbClient, email: string, ip: string | null | undefined): Promise<SignInAttempt> {
  const address = ip || 'unknown';
  const budgets: [string, number][] = [
    [`signin:account-address:${email}|${address}`, SIGN_IN_LIMITS.accountAndAddress],
    [`signin:address:${address}`, SIGN_IN_LIMITS.address],
    [`signin:account:${email}`, SIGN_IN_LIMITS.account],
  ];
  let throttled = false;
  let firstThrottled = false;
  for (const [key, limit] of budgets) {
    // Counting stops two past the limit: limit + 1 marks the first refusal (audited), later ones write nothing.
    const { count } = await countInWindow(key, SIGN_IN_WINDOW_SECONDS, db, limit + 2);
    if (count > limit) throttled = true;
    if (count === limit + 1) firstThrottled = true;
  }
  return { throttled, firstThrottled };
}
