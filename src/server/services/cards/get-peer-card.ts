import 'server-only';
// GET …/peers/{peer}/card (docs/api.md#s3-10): the path peer's card about itself, or about `target`. 404 when the
// path peer does not exist; an unknown target simply has no card.
import { getDb, type DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { findPeer } from '../peers/ensure-peer';
import { findWorkspace } from '../workspaces/ensure-workspace';
import { readCard } from './read-card';

export async function getPeerCard(
  names: { workspace: string; peer: string },
  target: string | undefined,
  db: DbClient = getDb(),
): Promise<{ peer_card: string[] | null }> {
  const workspace = await findWorkspace(db, names.workspace);
  const observer = workspace ? await findPeer(db, workspace.id, names.peer) : null;
  if (!workspace || !observer) throw new NotFoundError(`Peer ${names.peer} not found`);
  const observed = target === undefined || target === names.peer ? observer : await findPeer(db, workspace.id, target);
  return { peer_card: observed ? await readCard(db, observer.id, observed.id) : null };
}
