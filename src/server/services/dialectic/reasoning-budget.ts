import 'server-only';
// Effort budgets of the dialectic's answer loop per reasoning level (docs/api.md#s3-11): how many tool rounds the model
// may take and how many tokens its answer may use. Defaults are the contract's; each can be overridden from the
// environment (DIALECTIC_<LEVEL>_ITERATIONS, DIALECTIC_<LEVEL>_MAX_OUTPUT_TOKENS, DIALECTIC_MAX_INPUT_TOKENS).
import type { ReasoningLevel } from '@/contracts/chat';
import { readDialecticOverrides } from '@/server/config/dialectic-config';
import type { EnvSource } from '@/server/config/parse-env';

export type ReasoningBudget = {
  level: ReasoningLevel;
  /** Model steps that may call tools; one more, tool-less step then has to answer. */
  iterations: number;
  maxOutputTokens: number;
  /** Ceiling on the tokens any one model call is sent (prompt, context and tool results together). */
  maxInputTokens: number;
  /** `minimal` only gets the two search tools. */
  searchToolsOnly: boolean;
};

const DEFAULTS: Record<ReasoningLevel, { iterations: number; maxOutputTokens: number }> = {
  minimal: { iterations: 1, maxOutputTokens: 250 },
  low: { iterations: 3, maxOutputTokens: 2_048 },
  medium: { iterations: 5, maxOutputTokens: 4_096 },
  high: { iterations: 8, maxOutputTokens: 8_192 },
  max: { iterations: 12, maxOutputTokens: 8_192 },
};

export const DEFAULT_MAX_INPUT_TOKENS = 100_000;

/** Read per call so an operator's change (and a test's) applies without a restart of the module graph. */
export function reasoningBudget(level: ReasoningLevel, env: EnvSource = process.env): ReasoningBudget {
  const parsed = readDialecticOverrides(env);
  const key = level.toUpperCase();
  return {
    level,
    iterations: parsed[`DIALECTIC_${key}_ITERATIONS`] ?? DEFAULTS[level].iterations,
    maxOutputTokens: parsed[`DIALECTIC_${key}_MAX_OUTPUT_TOKENS`] ?? DEFAULTS[level].maxOutputTokens,
    maxInputTokens: parsed.DIALECTIC_MAX_INPUT_TOKENS ?? DEFAULT_MAX_INPUT_TOKENS,
    searchToolsOnly: level === 'minimal',
  };
}
