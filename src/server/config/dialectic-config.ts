// Overrides of the dialectic's effort budgets (DIALECTIC_<LEVEL>_ITERATIONS, DIALECTIC_<LEVEL>_MAX_OUTPUT_TOKENS,
// DIALECTIC_MAX_INPUT_TOKENS), read from the environment; the defaults they override live with the budgets in
// src/server/services/dialectic/reasoning-budget.ts. Documented in README's configuration table.
import { z } from 'zod';
import { REASONING_LEVELS } from '@/contracts/chat';
import { parseEnv, type EnvSource } from './parse-env';

const optionalInt = (min: number, max: number) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(min).max(max).optional());

const envSchema = z.object({
  DIALECTIC_MAX_INPUT_TOKENS: optionalInt(4_000, 2_000_000),
  ...Object.fromEntries(
    REASONING_LEVELS.flatMap((level) => [
      [`DIALECTIC_${level.toUpperCase()}_ITERATIONS`, optionalInt(0, 50)],
      [`DIALECTIC_${level.toUpperCase()}_MAX_OUTPUT_TOKENS`, optionalInt(16, 200_000)],
    ]),
  ),
});

/** Each override that is set, by variable name; unset ones are absent. */
export function readDialecticOverrides(env: EnvSource = process.env): Record<string, number | undefined> {
  return parseEnv(envSchema, env) as Record<string, number | undefined>;
}
