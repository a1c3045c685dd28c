// Dream settings (api-contract §5.6), read from the environment on every use so tests and restarts take effect
// without reloading modules. Documented in README's configuration table.
//
// DREAMS_ENABLED                  global switch, default true; `false` makes schedule_dream answer 400 and stops
//                                 automatic dreams.
// DREAM_MIN_EXPLICIT_CONCLUSIONS  explicit conclusions a view must gain since its last dream (default 50)
// DREAM_MIN_HOURS_BETWEEN         hours since the view's last dream (default 8)
// DREAM_IDLE_MINUTES              minutes the observed peer must have been quiet (default 60)
// DREAM_MAX_INPUT_CONCLUSIONS     most recent live conclusions one dream reads (default 400): bounds prompt size

type Env = Readonly<Record<string, string | undefined>>;

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

function positiveNumber(name: string, raw: string | undefined, fallback: number): number {
  const value = raw?.trim();
  if (!value) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw new Error(`Invalid configuration: ${name} must be a positive number (got ${JSON.stringify(raw)})`);
  }
  return parsed;
}

export function dreamsEnabledGlobally(env: Env = process.env): boolean {
  const value = env.DREAMS_ENABLED?.trim().toLowerCase();
  if (!value) return true;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new Error(`Invalid configuration: DREAMS_ENABLED must be true or false (got ${JSON.stringify(env.DREAMS_ENABLED)})`);
}

export type DreamThresholds = { minExplicit: number; minIntervalMs: number; idleMs: number };

export function dreamThresholds(env: Env = process.env): DreamThresholds {
  return {
    minExplicit: Math.ceil(positiveNumber('DREAM_MIN_EXPLICIT_CONCLUSIONS', env.DREAM_MIN_EXPLICIT_CONCLUSIONS, 50)),
    minIntervalMs: positiveNumber('DREAM_MIN_HOURS_BETWEEN', env.DREAM_MIN_HOURS_BETWEEN, 8) * 3_600_000,
    idleMs: positiveNumber('DREAM_IDLE_MINUTES', env.DREAM_IDLE_MINUTES, 60) * 60_000,
  };
}

export function dreamMaxInputConclusions(env: Env = process.env): number {
  return Math.ceil(positiveNumber('DREAM_MAX_INPUT_CONCLUSIONS', env.DREAM_MAX_INPUT_CONCLUSIONS, 400));
}

/** Dream items are retried like derivation items before they become failed. */
export const DREAM_MAX_ATTEMPTS = 3;
