// API authentication and rate-limit settings, read from the environment on every use so a test (or an operator's
// restart) changing a variable takes effect without reloading modules. Documented in README's configuration table.
//
// AUTH_DISABLED      `true`/`false`. Unset: disabled only under `npm run dev` (the launcher sets RAPPORT_LAUNCH_MODE=dev
//                    and binds to 127.0.0.1); `npm start`, `next start` without the launcher, tests and anything else
//                    enforce credentials. Secure by default: only an explicit `AUTH_DISABLED=true` serves data openly.
// AUTH_JWT_SECRET    HS256 secret for Honcho-format JWTs. Unset: a random secret is generated once and kept in the
//                    database (services/secrets/instance-secret.ts), so every instance on one database agrees.
// RATE_LIMIT_*       per-credential fixed-window budget (contract Δ9), off by default.
import path from 'node:path';

/** process.env, or any stand-in for it (tests, the launcher's view of the child's environment). */
type Env = Readonly<Record<string, string | undefined>>;

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

function parseBoolean(name: string, raw: string | undefined): boolean | undefined {
  const value = raw?.trim().toLowerCase();
  if (!value) return undefined;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new Error(`Invalid configuration: ${name} must be true or false (got ${JSON.stringify(raw)})`);
}

function parsePositiveInt(name: string, raw: string | undefined, fallback: number): number {
  const value = raw?.trim();
  if (!value) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new Error(`Invalid configuration: ${name} must be a positive integer (got ${JSON.stringify(raw)})`);
  }
  return Number(value);
}

/**
 * The one rule for whether API auth is off: an explicit AUTH_DISABLED wins; otherwise only `npm run dev`
 * (RAPPORT_LAUNCH_MODE=dev) runs without it. The launcher calls this too, so its warning can never disagree with the app.
 */
export function isAuthDisabled(env: Env = process.env): boolean {
  return parseBoolean('AUTH_DISABLED', env.AUTH_DISABLED) ?? env.RAPPORT_LAUNCH_MODE === 'dev';
}

export type RateLimitConfig = { enabled: boolean; requests: number; windowSeconds: number };

export function readRateLimitConfig(env: Env = process.env): RateLimitConfig {
  return {
    enabled: parseBoolean('RATE_LIMIT_ENABLED', env.RATE_LIMIT_ENABLED) ?? false,
    requests: parsePositiveInt('RATE_LIMIT_REQUESTS', env.RATE_LIMIT_REQUESTS, 600),
    windowSeconds: parsePositiveInt('RATE_LIMIT_WINDOW_SECONDS', env.RATE_LIMIT_WINDOW_SECONDS, 60),
  };
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
