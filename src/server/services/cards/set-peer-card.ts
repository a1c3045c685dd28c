import 'server-only';
// PUT …/peers/{peer}/card (docs/api.md#s3-10, #s5-5): stores the list exactly as received (NUL already stripped by
// the contract) on the observer, get-or-creating the workspace, the path peer and the target it is about.
import { getDb, type Db } from '@/server/db/client';
import { ensurePeer } from '../peers/ensure-peer';
import { ensureWorkspace } from '../workspaces/ensure-workspace';

export async function setPeerCard(
  names: { workspace: string; peer: string },
  target: string | undefined,
  entries: string[],
  db: Db = getDb(),
): Promise<{ peer_card: string[] }> {
  const { workspace } = await ensureWorkspace(db, names.workspace);
  const { peer: observer } = await ensurePeer(db, workspace.id, names.peer);
  const observed = target === undefined || target === names.peer ? observer : (await ensurePeer(db, workspace.id, target)).peer;
  const card = await db.peerCard.upsert({
    where: { observerId_observedId: { observerId: observer.id, observedId: observed.id } },
    create: { workspaceId: workspace.id, observerId: observer.id, observedId: observed.id, entries },
    update: { entries },
    select: { entries: true },
  });
  return { peer_card: card.entries };
}
