import 'server-only';
// POST …/peers: get-or-create, creating the workspace when needed. For an existing peer, supplied metadata and
// configuration replace the stored ones and omitted (or null) ones are untouched (docs/api.md#s1-6).
import type { WirePeer } from '@/contracts/peers';
import type { Credential } from '../auth/credential';
import { assertSelfAccess } from '../auth/handler-checks';
import { upsertPeer, type PeerFields } from './upsert-peer';

export async function getOrCreatePeer(
  credential: Credential,
  workspaceName: string,
  input: { id: string } & PeerFields,
): Promise<{ created: boolean; peer: WirePeer }> {
  // docs/api.md#s4-4: the credential's workspace must be the path's, and a peer credential may only get-or-create itself.
  assertSelfAccess(credential, { workspace: workspaceName, peer: input.id });
  return upsertPeer(workspaceName, input.id, input);
}
