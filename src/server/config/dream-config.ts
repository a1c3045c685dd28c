// Dream settings (docs/api.md#s5-6), read from the environment on every use so tests and restarts take effect without
// reloading modules. Documented in README's configuration table.
//
// DREAMS_ENABLED                  global switch, default true; `false` makes schedule_dream answer 400 and stops
//                                 automatic dreams.
// DREAM_MIN_EXPLICIT_CONCLUSIONS  explicit conclusions a view must gain since its last dream (default 50)
// DREAM_MIN_HOURS_BETWEEN         hours since the view's last dream (default 8)
// DREAM_IDLE_MINUTES              minutes the observed peer must have been quiet (default 60)
// DREAM_MAX_INPUT_CONCLUSIONS     most recent live conclusions one dream reads (default 400): bounds prompt size
import { z } from 'zod';
import { flag } from './env-values';
import { parseEnv, type EnvSource } from './parse-env';

const positive = (fallback: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number().positive().default(fallback));

const schema = z.object({
  DREAMS_ENABLED: flag,
  DREAM_MIN_EXPLICIT_CONCLUSIONS: positive(50),
  DREAM_MIN_HOURS_BETWEEN: positive(8),
  DREAM_IDLE_MINUTES: positive(60),
  DREAM_MAX_INPUT_CONCLUSIONS: positive(400),
});

export function dreamsEnabledGlobally(env: EnvSource = process.env): boolean {
  return parseEnv(schema, env).DREAMS_ENABLED ?? true;
}

export type DreamThresholds = { minExplicit: number; minIntervalMs: number; idleMs: number };

export function dreamThresholds(env: EnvSource = process.env): DreamThresholds {
  const e = parseEnv(schema, env);
  return {
    minExplicit: Math.ceil(e.DREAM_MIN_EXPLICIT_CONCLUSIONS),
    minIntervalMs: e.DREAM_MIN_HOURS_BETWEEN * 3_600_000,
    idleMs: e.DREAM_IDLE_MINUTES * 60_000,
  };
}

export function dreamMaxInputConclusions(env: EnvSource = process.env): number {
  return Math.ceil(parseEnv(schema, env).DREAM_MAX_INPUT_CONCLUSIONS);
}
