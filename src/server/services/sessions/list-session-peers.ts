import 'server-only';
// GET …/sessions/{sess}/peers (docs/api.md#s3-5): a page of the session's active, non-scope members in join order
// (registration time, which survives leave/rejoin), with the peer name as tie-breaker.
import type { Page } from '@/contracts/common';
import type { Peer } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { pageRequest, pageWindow, toPage, type PageRequest } from '@/server/db/pagination';
import { peerToWire } from '../wire-format';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { requireSession } from './ensure-session';

export async function listSessionPeers(
  workspaceName: string,
  sessionName: string,
  query: Partial<PageRequest>,
): Promise<Page<ReturnType<typeof peerToWire>>> {
  const request = pageRequest(query);
  const db = getDb();
  const workspace = await requireWorkspace(db, workspaceName);
  const session = await requireSession(db, workspace.id, sessionName, workspace.name);
  const where = {
    sessionId: session.id,
    leftAt: null,
    peer: { kind: 'peer' as const, deletedAt: null },
  };
  const { limit, offset } = pageWindow(request);
  const [total, rows] = await Promise.all([
    db.sessionPeer.count({ where }),
    db.sessionPeer.findMany({
      where,
      include: { peer: true },
      orderBy: [{ createdAt: 'asc' }, { peer: { name: 'asc' } }],
      take: limit,
      skip: offset,
    }),
  ]);
  return toPage(rows.map((row: { peer: Peer }) => peerToWire(row.peer, workspace.name)), total, request);
}
