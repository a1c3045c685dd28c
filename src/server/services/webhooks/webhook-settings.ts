// Webhook settings, read from the environment on every use so a test or an operator's restart takes effect without
// reloading modules. Documented in README's configuration table.
//
// WEBHOOK_SECRET                     HMAC-SHA256 key for `X-Honcho-Signature`. Unset: nothing is sent; deliveries are
//                                    recorded as `disabled` so the console can show what would have gone out.
// WEBHOOK_ALLOW_PRIVATE_ADDRESSES    `true` lets endpoints use private/loopback/link-local IP literals (local
//                                    development, tests). Default false: an API caller must not aim the server at
//                                    its own network.
// WEBHOOK_MAX_ATTEMPTS               delivery attempts before a delivery is marked failed (default 5).

type Env = Readonly<Record<string, string | undefined>>;

const TRUE = new Set(['true', '1', 'yes', 'on']);

/** Attempts before giving up; network errors, 5xx and 429 are retried with backoff by the queue. */
export const DEFAULT_WEBHOOK_MAX_ATTEMPTS = 5;
/** Request timeout of one delivery attempt (§5.7). */
export const WEBHOOK_TIMEOUT_MS = 30_000;
/** Endpoints per workspace (§3.13: the 11th registration is a 409). */
export const MAX_WEBHOOK_ENDPOINTS = 10;
export const MAX_WEBHOOK_URL_LENGTH = 2_048;

export function webhookSecret(env: Env = process.env): string | null {
  const secret = env.WEBHOOK_SECRET;
  return secret && secret.length > 0 ? secret : null;
}

export function allowPrivateWebhookAddresses(env: Env = process.env): boolean {
  return TRUE.has((env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES ?? '').trim().toLowerCase());
}

export function webhookMaxAttempts(env: Env = process.env): number {
  const raw = env.WEBHOOK_MAX_ATTEMPTS?.trim();
  if (!raw) return DEFAULT_WEBHOOK_MAX_ATTEMPTS;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new Error(`Invalid configuration: WEBHOOK_MAX_ATTEMPTS must be a positive integer (got ${JSON.stringify(raw)})`);
  }
  return Number(raw);
}
