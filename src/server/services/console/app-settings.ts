import 'server-only';
// The app's settings page: the workspace `configuration` shown as what takes effect (stored value, else the default),
// and saved through update-workspace after the wire contract's own validation, so the console can never store a
// configuration the API would refuse. Only the sections the form owns are replaced; unknown keys stay as they are.
import type { AppSettingsInput } from '@/contracts/console-data';
import { workspaceConfigurationSchema } from '@/contracts/configuration';
import { InvalidInputError } from '../errors';
import { CONFIGURATION_DEFAULTS, effectiveReasoning, effectiveSummary } from '../messages/effective-configuration';
import { updateWorkspace } from '../workspaces/update-workspace';
import { asObject } from './activity-row';

export type AppSettings = {
  reasoning: { enabled: boolean; custom_instructions: string | null };
  summary: { enabled: boolean; messages_per_short_summary: number | null; messages_per_long_summary: number | null };
  peer_card: { use: boolean; create: boolean };
  dream: { enabled: boolean };
  defaults: { messages_per_short_summary: number; messages_per_long_summary: number };
};

function flag(config: Record<string, unknown>, section: string, key: string): boolean {
  const value = asObject(config[section])[key];
  return typeof value === 'boolean' ? value : true;
}

function storedInterval(config: Record<string, unknown>, key: string): number | null {
  const value = asObject(config.summary)[key];
  return typeof value === 'number' ? value : null;
}

export function readAppSettings(configuration: unknown): AppSettings {
  const config = asObject(configuration);
  const reasoning = effectiveReasoning([config]);
  const summary = effectiveSummary([config]);
  return {
    reasoning: { enabled: reasoning.enabled, custom_instructions: reasoning.customInstructions },
    summary: {
      enabled: summary.enabled,
      messages_per_short_summary: storedInterval(config, 'messages_per_short_summary'),
      messages_per_long_summary: storedInterval(config, 'messages_per_long_summary'),
    },
    peer_card: { use: flag(config, 'peer_card', 'use'), create: flag(config, 'peer_card', 'create') },
    dream: { enabled: flag(config, 'dream', 'enabled') },
    defaults: {
      messages_per_short_summary: CONFIGURATION_DEFAULTS.messagesPerShortSummary,
      messages_per_long_summary: CONFIGURATION_DEFAULTS.messagesPerLongSummary,
    },
  };
}

export async function saveAppSettings(workspaceName: string, storedConfiguration: unknown, input: Omit<AppSettingsInput, 'app'>): Promise<AppSettings> {
  const stored = asObject(storedConfiguration);
  // Sections are replaced whole (update-workspace merges at the top level), so keys the form does not know survive.
  const instructions = input.reasoning.custom_instructions?.trim() ? input.reasoning.custom_instructions : null;
  const candidate = {
    reasoning: { ...asObject(stored.reasoning), enabled: input.reasoning.enabled, custom_instructions: instructions },
    summary: {
      ...asObject(stored.summary),
      enabled: input.summary.enabled,
      messages_per_short_summary: input.summary.messages_per_short_summary,
      messages_per_long_summary: input.summary.messages_per_long_summary,
    },
    peer_card: { ...asObject(stored.peer_card), use: input.peer_card.use, create: input.peer_card.create },
    dream: { ...asObject(stored.dream), enabled: input.dream.enabled },
  };
  const parsed = workspaceConfigurationSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new InvalidInputError(parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
  }
  const saved = await updateWorkspace(workspaceName, { configuration: parsed.data });
  return readAppSettings(saved.configuration);
}
