// Console (Auth.js) settings, read from the environment (documented in README's configuration table).
import path from 'node:path';
import { z } from 'zod';
import { parseEnv, type EnvSource } from './parse-env';

const DEFAULT_SESSION_MAX_AGE = 7 * 24 * 60 * 60;

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

const schema = z.object({
  AUTH_SECRET: optionalText,
  AUTH_GITHUB_ID: optionalText,
  AUTH_GITHUB_SECRET: optionalText,
  CONSOLE_SESSION_MAX_AGE: z.coerce.number().int().min(60).max(365 * 24 * 60 * 60).default(DEFAULT_SESSION_MAX_AGE),
  ADMIN_EMAIL: optionalText,
  ADMIN_PASSWORD: z.string().optional(),
  RAPPORT_DATA_DIR: optionalText,
});

export type ConsoleConfig = {
  /** Explicit Auth.js secret; when absent one is generated and kept in the database. */
  authSecret: string | undefined;
  github: { clientId: string; clientSecret: string } | null;
  /** Session lifetime in seconds. */
  sessionMaxAge: number;
  admin: { email: string; password: string } | null;
  dataDir: string;
};

export function readConsoleConfig(env: EnvSource = process.env): ConsoleConfig {
  const e = parseEnv(schema, env);
  return {
    authSecret: e.AUTH_SECRET,
    github: e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET ? { clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET } : null,
    sessionMaxAge: e.CONSOLE_SESSION_MAX_AGE,
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : null,
    // A run-time location, not a build input: keep the bundler from tracing the whole project through it.
    dataDir: path.resolve(/*turbopackIgnore: true*/ e.RAPPORT_DATA_DIR ?? '.data'),
  };
}
