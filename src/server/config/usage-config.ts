// Settings for usage roll-ups and the request log (README "Operating Rapport", docs/operations.md#usage).
import { z } from 'zod';
import { flag } from './env-values';
import { parseEnv, type EnvSource } from './parse-env';

/** USD per million tokens for one model; an embedding model has only an input price. */
const priceSchema = z.strictObject({
  input: z.number().finite().min(0),
  output: z.number().finite().min(0).default(0),
});

export type ModelPrice = z.output<typeof priceSchema>;

const pricesSchema = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object of model → {"input": USD, "output": USD} per million tokens' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().min(1), priceSchema));

const schema = z.object({
  USAGE_RECORDING: flag,
  USAGE_MODEL_PRICES: pricesSchema.optional(),
  USAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  USAGE_FLUSH_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  REQUEST_LOG_MAX_ROWS: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  REQUEST_LOG_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(7),
});

export type UsageConfig = {
  /** Off: nothing is tallied, flushed or shown (the purge still runs, so turning it off empties the tables in time). */
  recording: boolean;
  /** Model id → USD per million input/output tokens. A model missing here has no cost (null), never an estimate. */
  prices: Record<string, ModelPrice>;
  /** Daily roll-ups older than this many days are purged by the worker's sweep. */
  retentionDays: number;
  /** How often each process writes its in-memory tallies and buffered request-log rows. */
  flushIntervalMs: number;
  /** Rows of the request log kept per workspace (0 turns the request log off). */
  requestLogMaxRows: number;
  /** Request-log rows older than this are purged. */
  requestLogMaxAgeDays: number;
};

export function readUsageConfig(env: EnvSource = process.env): UsageConfig {
  const e = parseEnv(schema, env);
  return {
    recording: e.USAGE_RECORDING ?? true,
    prices: e.USAGE_MODEL_PRICES ?? {},
    retentionDays: e.USAGE_RETENTION_DAYS,
    flushIntervalMs: e.USAGE_FLUSH_INTERVAL_MS,
    requestLogMaxRows: e.REQUEST_LOG_MAX_ROWS,
    requestLogMaxAgeDays: e.REQUEST_LOG_MAX_AGE_DAYS,
  };
}

/** USD for a call, or null when the model has no configured price. */
export function modelCost(prices: Record<string, ModelPrice>, model: string, inputTokens: number, outputTokens: number): number | null {
  const price = prices[model];
  if (!price) return null;
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}
