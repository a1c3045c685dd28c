// Workspace and session `configuration` (docs/api.md#s1-5): the known keys are typed, unknown keys are kept and
// echoed, null leaves are not stored (null = inherit), and the legacy deriver switches are folded into
// `reasoning.enabled`. Workspaces and sessions share one set of rules, so both names below are the same schema.
import { z } from 'zod';
import { stripNul } from './common';

/** ≤2,000 estimated tokens; estimated at four characters per token so the contract stays tokenizer-free. */
export const CUSTOM_INSTRUCTIONS_MAX_TOKENS = 2_000;
const CHARS_PER_ESTIMATED_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_ESTIMATED_TOKEN);
}

const flag = z.boolean().nullable().optional();

const reasoningSection = z
  .looseObject({
    enabled: flag.meta({ description: 'Derive conclusions from messages (default true).' }),
    custom_instructions: z
      .string()
      .refine((text) => estimateTokens(text) <= CUSTOM_INSTRUCTIONS_MAX_TOKENS, {
        message: `Must be at most ${CUSTOM_INSTRUCTIONS_MAX_TOKENS} estimated tokens`,
      })
      .nullable()
      .optional()
      .meta({ description: 'Appended to the derivation prompt; at most 2,000 estimated tokens.' }),
  })
  .nullable()
  .optional();

const peerCardSection = z
  .looseObject({
    use: flag.meta({ description: 'Give peer cards to dialectic and context (default true).' }),
    create: flag.meta({ description: 'Allow background peer-card writes (default true).' }),
  })
  .nullable()
  .optional();

const summarySection = z
  .looseObject({
    enabled: flag.meta({ description: 'Write rolling session summaries (default true).' }),
    messages_per_short_summary: z.number().int().min(10).nullable().optional().meta({ description: 'Default 20.' }),
    messages_per_long_summary: z.number().int().min(20).nullable().optional().meta({ description: 'Default 60.' }),
  })
  .superRefine((summary, ctx) => {
    const short = summary.messages_per_short_summary;
    const long = summary.messages_per_long_summary;
    if (typeof short === 'number' && typeof long === 'number' && short >= long) {
      ctx.addIssue({
        code: 'custom',
        path: ['messages_per_long_summary'],
        message: 'Must be greater than messages_per_short_summary',
      });
    }
  })
  .nullable()
  .optional();

const dreamSection = z
  .looseObject({ enabled: flag.meta({ description: 'Consolidate conclusions in the background (default true).' }) })
  .nullable()
  .optional();

type ConfigObject = Record<string, unknown>;

const isPlainObject = (value: unknown): value is ConfigObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Folds `deriver.enabled` and `skip_deriver: true` onto `reasoning.enabled`; an explicit `reasoning.enabled` wins. */
function foldLegacySwitches(input: ConfigObject): ConfigObject {
  const out: ConfigObject = { ...input };
  let legacyEnabled: boolean | undefined;
  if (isPlainObject(out.deriver) && 'enabled' in out.deriver) {
    const { enabled, ...rest } = out.deriver;
    if (typeof enabled === 'boolean') legacyEnabled = enabled;
    if (Object.keys(rest).length > 0) out.deriver = rest;
    else delete out.deriver;
  }
  if ('skip_deriver' in out) {
    if (out.skip_deriver === true) legacyEnabled = false;
    delete out.skip_deriver;
  }
  if (legacyEnabled !== undefined) {
    const reasoning = isPlainObject(out.reasoning) ? out.reasoning : {};
    if (reasoning.enabled === undefined || reasoning.enabled === null) out.reasoning = { ...reasoning, enabled: legacyEnabled };
  }
  return out;
}

/**
 * Removes null leaves (null = inherit, never stored). An object left empty only because its leaves were null goes too,
 * so `{"reasoning": {"enabled": null}}` stores nothing; an object sent empty is kept as sent. Arrays are values.
 */
export function dropNullLeaves(value: ConfigObject): ConfigObject {
  const out: ConfigObject = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined) continue;
    if (isPlainObject(entry)) {
      const pruned = dropNullLeaves(entry);
      if (Object.keys(pruned).length === 0 && Object.keys(entry).length > 0) continue;
      out[key] = pruned;
    } else out[key] = entry;
  }
  return out;
}

/** Workspace configuration as stored: validated, legacy-normalised, without null leaves. Unknown keys are kept. */
export const workspaceConfigurationSchema = z
  .looseObject({
    reasoning: reasoningSection,
    peer_card: peerCardSection,
    summary: summarySection,
    dream: dreamSection,
    deriver: z
      .looseObject({ enabled: flag })
      .nullable()
      .optional()
      .meta({ deprecated: true, description: 'Legacy: `deriver.enabled` is stored as `reasoning.enabled`.' }),
    skip_deriver: flag.meta({ deprecated: true, description: 'Legacy: `true` is stored as `reasoning.enabled: false`.' }),
  })
  .transform((config) => dropNullLeaves(foldLegacySwitches(stripNul(config as ConfigObject))))
  .meta({
    id: 'Configuration',
    description:
      'Workspace or session configuration. Known keys are typed; unknown keys are stored and echoed. ' +
      'Null leaves mean "inherit" and are not stored.',
    example: { reasoning: { enabled: true }, summary: { messages_per_short_summary: 20, messages_per_long_summary: 60 } },
  });

/** Session configuration follows exactly the workspace rules (docs/api.md#s1-5). */
export const sessionConfigurationSchema = workspaceConfigurationSchema;

export type StoredConfiguration = z.output<typeof workspaceConfigurationSchema>;

/** Peer configuration: free-form and echoed; only `observe_me` has meaning, so only its type is checked. */
export const peerConfigurationSchema = z
  .looseObject({
    observe_me: z
      .boolean()
      .nullable()
      .optional()
      .meta({ description: 'Whether the peer is observed (its global representation is derived); default true.' }),
  })
  .transform((config) => stripNul(config as ConfigObject))
  .meta({ id: 'PeerConfiguration', description: 'Free-form object; only `observe_me` has meaning.' });
