// Webhook settings, read from the environment on every use so a test or an operator's restart takes effect without
// reloading modules. Documented in README's configuration table.
//
// WEBHOOK_SECRET                     HMAC-SHA256 key for `X-Honcho-Signature`. Unset: nothing is sent; deliveries are
//                                    recorded as `disabled` so the console can show what would have gone out.
// WEBHOOK_ALLOW_PRIVATE_ADDRESSES    `true` lets endpoints use private/loopback/link-local addresses (local
//                                    development, tests). Default false: an API caller must not aim the server at
//                                    its own network.
// WEBHOOK_MAX_ATTEMPTS               delivery attempts before a delivery is marked failed (default 5).
import { z } from 'zod';
import { flag } from './env-values';
import { parseEnv, type EnvSource } from './parse-env';

/** Attempts before giving up; network errors, 5xx and 429 are retried with backoff by the queue. */
export const DEFAULT_WEBHOOK_MAX_ATTEMPTS = 5;

const schema = z.object({
  WEBHOOK_SECRET: z.string().optional(),
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: flag,
  WEBHOOK_MAX_ATTEMPTS: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().int().min(1).max(1_000).default(DEFAULT_WEBHOOK_MAX_ATTEMPTS),
  ),
});

export function webhookSecret(env: EnvSource = process.env): string | null {
  const secret = parseEnv(schema, env).WEBHOOK_SECRET;
  return secret && secret.length > 0 ? secret : null;
}

export function allowPrivateWebhookAddresses(env: EnvSource = process.env): boolean {
  return parseEnv(schema, env).WEBHOOK_ALLOW_PRIVATE_ADDRESSES ?? false;
}

export function webhookMaxAttempts(env: EnvSource = process.env): number {
  return parseEnv(schema, env).WEBHOOK_MAX_ATTEMPTS;
}
