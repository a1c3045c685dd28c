import 'server-only';
// GET …/sessions/{sess}/summaries (docs/api.md#s3-7): the latest usable short and long summaries; a session that
// does not exist simply has none.
import { getDb, type DbClient } from '@/server/db/client';
import { findSession } from '../sessions/ensure-session';
import { findWorkspace } from '../workspaces/ensure-workspace';
import { summaryToWire, usableSummaries, type WireSummary } from './summary-wire';

export async function getSessionSummaries(
  names: { workspace: string; session: string },
  db: DbClient = getDb(),
): Promise<{ id: string; short_summary: WireSummary | null; long_summary: WireSummary | null }> {
  const workspace = await findWorkspace(db, names.workspace);
  const session = workspace ? await findSession(db, workspace.id, names.session) : null;
  if (!session) return { id: names.session, short_summary: null, long_summary: null };
  const { short, long } = await usableSummaries(db, session.id);
  return { id: names.session, short_summary: short && summaryToWire(short), long_summary: long && summaryToWire(long) };
}
