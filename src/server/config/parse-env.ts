// Reads a group of settings from the environment with a zod schema; a bad value stops start-up with its name.
import type { z } from 'zod';

/**
 * Where settings are read from: `process.env`, or a plain object in tests. Not `NodeJS.ProcessEnv`, which Next's
 * types widen with a required NODE_ENV.
 */
export type EnvSource = Readonly<Record<string, string | undefined>>;

export function parseEnv<S extends z.ZodType>(schema: S, env: EnvSource): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}
