import 'server-only';
// PUT …/sessions/{sess} (docs/api.md#s3-4): upsert. Creates the session (and workspace) when missing; otherwise
// supplied metadata replaces, supplied configuration merges, and whatever was omitted stays as stored.
import type { SessionWire } from '@/contracts/sessions';
import { sessionToWire } from '../wire-format';
import { ensureWorkspace } from '../workspaces/ensure-workspace';
import { applySessionChanges, type SessionChanges } from './apply-session-changes';
import { ensureSession } from './ensure-session';
import { inSessionTransaction, lockSessionRow } from './session-transaction';

export async function updateSession(workspaceName: string, sessionName: string, changes: SessionChanges): Promise<SessionWire> {
  return inSessionTransaction(async (tx) => {
    const { workspace } = await ensureWorkspace(tx, workspaceName);
    const ensured = await ensureSession(tx, workspace.id, sessionName, {
      metadata: changes.metadata ?? {},
      configuration: changes.configuration ?? {},
    });
    if (ensured.created) return sessionToWire(ensured.session, workspace.name);
    await lockSessionRow(tx, ensured.session);
    return sessionToWire(await applySessionChanges(tx, ensured.session, changes), workspace.name);
  });
}
