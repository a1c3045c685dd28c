import 'server-only';
// POST /v3/workspaces: get-or-create. An existing workspace is returned unchanged: the SDK sends this call to bootstrap
// and to read workspace state, so it must never reset what is stored (docs/api.md#s7-1 to #s7-2).
import type { WireWorkspace } from '@/contracts/workspaces';
import { getDb } from '@/server/db/client';
import type { Credential } from '../auth/credential';
import { assertSelfAccess } from '../auth/handler-checks';
import { workspaceToWire } from '../wire-format';
import { ensureWorkspace } from './ensure-workspace';

export type GetOrCreateWorkspaceInput = {
  id: string;
  metadata?: Record<string, unknown> | null;
  configuration?: Record<string, unknown> | null;
};

export async function getOrCreateWorkspace(
  credential: Credential,
  input: GetOrCreateWorkspaceInput,
): Promise<{ created: boolean; workspace: WireWorkspace }> {
  assertSelfAccess(credential, { workspace: input.id });
  const { workspace, created } = await ensureWorkspace(getDb(), input.id, {
    metadata: input.metadata ?? {},
    configuration: input.configuration ?? {},
  });
  return { created, workspace: workspaceToWire(workspace) };
}
