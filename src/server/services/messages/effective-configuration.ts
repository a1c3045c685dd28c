// The configuration a message write acts on: message ← session ← workspace ← defaults (docs/api.md#s1-5), deep
// merged with null (absent) leaves skipped, plus the per-member observation switches of docs/api.md#s5-1.

export const CONFIGURATION_DEFAULTS = {
  reasoningEnabled: true,
  summaryEnabled: true,
  messagesPerShortSummary: 20,
  messagesPerLongSummary: 60,
} as const;

export type Layer = unknown;

/** `layer[section][key]` when both levels are objects; the configuration readers of messages and dreams share it. */
export function leaf(layer: Layer, section: string, key: string): unknown {
  if (!layer || typeof layer !== 'object' || Array.isArray(layer)) return undefined;
  const value = (layer as Record<string, unknown>)[section];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return (value as Record<string, unknown>)[key];
}

/** The first layer (most specific first) whose leaf passes `accept`. */
function pick<T>(layers: readonly Layer[], section: string, key: string, accept: (v: unknown) => v is T): T | undefined {
  for (const layer of layers) {
    const value = leaf(layer, section, key);
    if (accept(value)) return value;
  }
  return undefined;
}

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isString = (v: unknown): v is string => typeof v === 'string';
const isInterval = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

export type EffectiveReasoning = { enabled: boolean; customInstructions: string | null };

/** `layers` most specific first: message, session, workspace. */
export function effectiveReasoning(layers: readonly Layer[]): EffectiveReasoning {
  return {
    enabled: pick(layers, 'reasoning', 'enabled', isBoolean) ?? CONFIGURATION_DEFAULTS.reasoningEnabled,
    customInstructions: pick(layers, 'reasoning', 'custom_instructions', isString) ?? null,
  };
}

export type EffectiveSummary = { enabled: boolean; shortInterval: number; longInterval: number };

/** `layers` most specific first: session, workspace (messages carry no summary settings). */
export function effectiveSummary(layers: readonly Layer[]): EffectiveSummary {
  return {
    enabled: pick(layers, 'summary', 'enabled', isBoolean) ?? CONFIGURATION_DEFAULTS.summaryEnabled,
    shortInterval: pick(layers, 'summary', 'messages_per_short_summary', isInterval) ?? CONFIGURATION_DEFAULTS.messagesPerShortSummary,
    longInterval: pick(layers, 'summary', 'messages_per_long_summary', isInterval) ?? CONFIGURATION_DEFAULTS.messagesPerLongSummary,
  };
}

/** Effective `observe_me` (docs/api.md#s5-1): the session-peer value if set, else the peer's configuration, else true. */
export function effectiveObserveMe(sessionPeerObserveMe: boolean | null, peerConfiguration: unknown): boolean {
  if (sessionPeerObserveMe !== null) return sessionPeerObserveMe;
  if (peerConfiguration && typeof peerConfiguration === 'object' && !Array.isArray(peerConfiguration)) {
    const value = (peerConfiguration as Record<string, unknown>).observe_me;
    if (typeof value === 'boolean') return value;
  }
  return true;
}
