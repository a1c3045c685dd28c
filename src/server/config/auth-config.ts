// API authentication and rate-limit settings, read from the environment on every use so a test (or an operator's
// restart) changing a variable takes effect without reloading modules. Documented in README's configuration table.
//
// AUTH_DISABLED      `true`/`false`. Unset: disabled only under `npm run dev` (the launcher sets RAPPORT_LAUNCH_MODE=dev
//                    and binds to 127.0.0.1); `npm start`, `next start` without the launcher, tests and anything else
//                    enforce credentials. Secure by default: only an explicit `AUTH_DISABLED=true` serves data openly.
// AUTH_JWT_SECRET    HS256 secret for Honcho-format JWTs. Unset: a random secret is generated once and kept in
//                    `<RAPPORT_DATA_DIR or .data>/jwt-secret` (mode 0600) and reused across restarts. Deployments with
//                    several web instances (or without a shared, persistent data directory) MUST set it, or each
//                    instance would sign and accept different tokens.
// RATE_LIMIT_*       per-credential fixed-window budget (contract Δ9), off by default.
import path from 'node:path';
import { z } from 'zod';
import { flag } from './env-values';
import { parseEnv } from './parse-env';
import { readOrCreateSecretFile } from './secret-file';

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

export type JwtSecret = { secret: string; source: 'env' | 'file'; file?: string };

const SECRET_FILE_NAME = 'jwt-secret';
const fileSecrets = new Map<string, string>();

/** Where the generated secret lives when AUTH_JWT_SECRET is unset. */
export function jwtSecretFile(env: Env = process.env): string {
  return path.resolve(env.RAPPORT_DATA_DIR || '.data', SECRET_FILE_NAME);
}

/** The HS256 secret: AUTH_JWT_SECRET, or the persisted generated one (created on first use). */
export function resolveJwtSecret(env: Env = process.env): JwtSecret {
  const configured = env.AUTH_JWT_SECRET;
  if (configured !== undefined && configured !== '') return { secret: configured, source: 'env' };
  const file = jwtSecretFile(env);
  let secret = fileSecrets.get(file);
  if (!secret) {
    secret = readOrCreateSecretFile(file, 'AUTH_JWT_SECRET');
    fileSecrets.set(file, secret);
  }
  return { secret, source: 'file', file };
}
