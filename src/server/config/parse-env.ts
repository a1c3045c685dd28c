// Reads a group of settings from the environment with a zod schema; a bad value stops start-up naming every setting
// at fault with the value it had (secrets are never echoed: only names ending in SECRET, PASSWORD, TOKEN or KEY are
// masked).
import type { z } from 'zod';

/**
 * Where settings are read from: `process.env`, or a plain object in tests. Not `NodeJS.ProcessEnv`, which Next's
 * types widen with a required NODE_ENV.
 */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** A setting that holds a bad value; `problems` lists each as `NAME: what is wrong (got "value")`. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

const SECRET_NAME = /(SECRET|PASSWORD|TOKEN|KEY)$/;

/** `NAME: message (got "value")`, the value masked for secrets. */
export function describeProblem(name: string, message: string, raw: string | undefined): string {
  if (raw === undefined) return `${name}: ${message}`;
  const shown = SECRET_NAME.test(name) ? '(hidden)' : JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}…` : raw);
  return `${name}: ${message} (got ${shown})`;
}

export function parseEnv<S extends z.ZodType>(schema: S, env: EnvSource): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigurationError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return describeProblem(name, issue.message, env[name]);
      }),
    );
  }
  return parsed.data;
}
