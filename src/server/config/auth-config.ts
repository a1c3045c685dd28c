// API authentication and rate-limit settings, read from the environment on every use so a test (or an operator's
// restart) changing a variable takes effect without reloading modules. Documented in README's configuration table.
//
// AUTH_DISABLED      `true`/`false`. Unset: disabled only under `npm run dev` (the launcher sets RAPPORT_LAUNCH_MODE=dev
//                    and binds to 127.0.0.1); `npm start`, `next start` without the launcher, tests and anything else
//                    enforce credentials. Secure by default: only an explicit `AUTH_DISABLED=true` serves data openly.
// AUTH_JWT_SECRET    HS256 secret for Honcho-format JWTs. Unset: a random secret is generated once and kept in the
//                    database (services/secrets/instance-secret.ts), so every instance on one database agrees.
// RATE_LIMIT_*       per-credential fixed-window budget (docs/honcho-differences.md#rate-limits), off by default.
import path from 'node:path';
import { z } from 'zod';
import { flag } from './env-values';
import { parseEnv } from './parse-env';

/** process.env, or any stand-in for it (tests, the launcher's view of the child's environment). */
type Env = Readonly<Record<string, string | undefined>>;

const positiveInt = (fallback: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().regex(/^\d+$/, 'must be a positive integer').transform(Number).pipe(z.number().int().min(1, 'must be a positive integer')).default(fallback),
  );

const schema = z.object({
  AUTH_DISABLED: flag,
  RATE_LIMIT_ENABLED: flag,
  RATE_LIMIT_REQUESTS: positiveInt(600),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(60),
});

/**
 * The one rule for whether API auth is off: an explicit AUTH_DISABLED wins; otherwise only `npm run dev`
 * (RAPPORT_LAUNCH_MODE=dev) runs without it. The launcher calls this too, so its warning can never disagree with the app.
 */
export function isAuthDisabled(env: Env = process.env): boolean {
  return parseEnv(schema, env).AUTH_DISABLED ?? env.RAPPORT_LAUNCH_MODE === 'dev';
}

export type RateLimitConfig = { enabled: boolean; requests: number; windowSeconds: number };

export function readRateLimitConfig(env: Env = process.env): RateLimitConfig {
  const e = parseEnv(schema, env);
  return { enabled: e.RATE_LIMIT_ENABLED ?? false, requests: e.RATE_LIMIT_REQUESTS, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS };
}

const LEGACY_SECRET_FILE_NAME = 'jwt-secret';

/** AUTH_JWT_SECRET when set (it always wins over the generated secret), else undefined. */
export function configuredJwtSecret(env: Env = process.env): string | undefined {
  const configured = env.AUTH_JWT_SECRET;
  return configured !== undefined && configured !== '' ? configured : undefined;
}

/** Where earlier versions generated the secret; read once to carry it into the database. */
export function legacyJwtSecretFile(env: Env = process.env): string {
  return path.resolve(env.RAPPORT_DATA_DIR || '.data', LEGACY_SECRET_FILE_NAME);
}
