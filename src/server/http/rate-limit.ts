import 'server-only';
// Rate limiting at the REST adapter (docs/honcho-differences.md#rate-limits): after the credential check, each request spends one unit of its
// credential's budget (stored key id, JWT hash, or the client address when auth is disabled). When enabled, every
// response of an admitted request carries X-RateLimit-Limit/Remaining/Reset; over budget → 429 with Retry-After.
// State lives in Postgres, so the budget holds across web instances.
import { readRateLimitConfig } from '@/server/config/auth-config';
import type { Credential } from '@/server/services/auth/credential';
import { consumeRequestBudget } from '@/server/services/rate-limit/consume-request-budget';
import { clientIp } from './client-ip';

export const RATE_LIMIT_EXCEEDED = 'Rate limit exceeded';

export class RateLimitExceededError extends Error {
  constructor(readonly headers: Headers) {
    super(RATE_LIMIT_EXCEEDED);
  }
}

/** Spends one request of the budget; returns the headers to send, or undefined when rate limiting is off. */
export async function spendRequestBudget(request: Request, credential: Credential): Promise<Headers | undefined> {
  const config = readRateLimitConfig();
  if (!config.enabled) return undefined;
  const budget = await consumeRequestBudget(credential.subject ?? `ip:${clientIp(request)}`, config);
  const headers = new Headers({
    'X-RateLimit-Limit': String(budget.limit),
    'X-RateLimit-Remaining': String(budget.remaining),
    'X-RateLimit-Reset': String(budget.resetSeconds),
  });
  if (budget.exceeded) {
    headers.set('Retry-After', String(budget.resetSeconds));
    throw new RateLimitExceededError(headers);
  }
  return headers;
}

/**
 * A request refused with 401 spends the budget of its client address (a failed credential identifies no one). Past
 * the budget it gets 429 instead, and its failure is not recorded, so guessing keys is throttled and what it writes
 * per address and window is bounded.
 */
export async function spendFailedAuthBudget(request: Request): Promise<void> {
  const config = readRateLimitConfig();
  if (!config.enabled) return;
  const budget = await consumeRequestBudget(`ip:${clientIp(request)}`, config);
  if (!budget.exceeded) return;
  throw new RateLimitExceededError(
    new Headers({
      'X-RateLimit-Limit': String(budget.limit),
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(budget.resetSeconds),
      'Retry-After': String(budget.resetSeconds),
    }),
  );
}

/** Adds the rate-limit headers to a finished response (a handler's own Response included). */
export function withRateLimitHeaders(response: Response, headers: Headers | undefined): Response {
  if (!headers) return response;
  try {
    headers.forEach((value, key) => response.headers.set(key, value));
    return response;
  } catch {
    // Immutable headers (a Response the handler got from fetch): copy it.
    const copy = new Response(response.body, response);
    headers.forEach((value, key) => copy.headers.set(key, value));
    return copy;
  }
}
