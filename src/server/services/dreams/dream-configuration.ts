// The workspace/session configuration switches a dream obeys (docs/api.md#s1-5): `dream.enabled` and
// `peer_card.create`, layered session ← workspace ← defaults with null (absent) leaves skipped.

import { leaf, type Layer } from '@/server/services/messages/effective-configuration';

function firstBoolean(layers: readonly Layer[], section: string, key: string): boolean | undefined {
  for (const layer of layers) {
    const value = leaf(layer, section, key);
    if (typeof value === 'boolean') return value;
  }
  return undefined;
}

/** `layers` most specific first: the dream's session (if any), then the workspace. */
export function effectiveDreamEnabled(layers: readonly Layer[]): boolean {
  return firstBoolean(layers, 'dream', 'enabled') ?? true;
}

/** Whether background card writes are allowed (docs/api.md#s5-5). */
export function effectivePeerCardCreate(layers: readonly Layer[]): boolean {
  return firstBoolean(layers, 'peer_card', 'create') ?? true;
}
