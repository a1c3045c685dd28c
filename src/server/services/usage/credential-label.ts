// How a credential of the usage tables and the request log is shown: a stored key by its name, a JWT by its hash
// prefix, a request without credential as such. Never the secret: none is stored.
import { NO_CREDENTIAL } from './usage-tally';
import type { z } from 'zod';
import type { credentialLabelOutput } from '@/contracts/console-memory-outputs';

export type CredentialLabel = z.output<typeof credentialLabelOutput>;

export function credentialLabel(id: string | null, keyNames: Map<string, string>): CredentialLabel {
  if (id === null || id === NO_CREDENTIAL) return { id: NO_CREDENTIAL, label: 'No credential', kind: 'none' };
  if (id.startsWith('key:')) {
    const keyId = id.slice(4);
    return { id, label: keyNames.get(keyId) ?? `Deleted key ${keyId}`, kind: 'key' };
  }
  return { id, label: `JWT ${id.slice(4)}`, kind: 'jwt' };
}

/** The stored-key ids among credential ids (`key:<id>` → `<id>`). */
export function storedKeyIds(ids: (string | null)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id?.startsWith('key:') ?? false).map((id) => id.slice(4)))];
}
