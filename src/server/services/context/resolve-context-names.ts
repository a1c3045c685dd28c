import 'server-only';
// The names a session-context read starts from, resolved in one statement (docs/architecture.md#statements-per-read):
// the workspace, its live session and the live observer and observed. The rules are those of findWorkspace,
// findSession, findPeer and findScope: a deleted session or peer is absent, a peer name must name a peer and a
// scope name a scope, so `scope.x` never resolves as a peer.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { queryRows } from '@/server/db/raw-rows';

export type ContextNames = {
  workspace: { id: string; configuration: unknown };
  session: { id: string; name: string; configuration: unknown } | null;
  /** Null when the observer does not exist (or none was asked for). */
  observerId: string | null;
  observedId: string | null;
};

type Lookup = {
  workspace: string;
  session: string;
  /** The observer's stored name and the kind it must have; null = none asked for. */
  observer: { name: string; kind: 'peer' | 'scope' } | null;
  observed: string | null;
};

/** Null when the workspace does not exist. */
export async function resolveContextNames(db: DbClient, lookup: Lookup): Promise<ContextNames | null> {
  // On the pool (raw-rows.ts): text and JSON only, and a read every context request makes.
  const [row] = await queryRows<Row>(db, Prisma.sql`
    SELECT w.id AS "workspaceId", w.configuration AS "workspaceConfiguration",
      s.id AS "sessionId", s.name AS "sessionName", s.configuration AS "sessionConfiguration",
      (SELECT p.id FROM peers p WHERE p.workspace_id = w.id AND p.name = ${lookup.observer?.name ?? null}
        AND p.kind::text = ${lookup.observer?.kind ?? null} AND p.deleted_at IS NULL) AS "observerId",
      (SELECT p.id FROM peers p WHERE p.workspace_id = w.id AND p.name = ${lookup.observed}
        AND p.kind::text = 'peer' AND p.deleted_at IS NULL) AS "observedId"
    FROM workspaces w
    LEFT JOIN sessions s ON s.workspace_id = w.id AND s.name = ${lookup.session} AND s.deleted_at IS NULL
    WHERE w.name = ${lookup.workspace}`);
  if (!row) return null;
  return {
    workspace: { id: row.workspaceId, configuration: row.workspaceConfiguration },
    session: row.sessionId !== null ? { id: row.sessionId, name: row.sessionName!, configuration: row.sessionConfiguration } : null,
    observerId: row.observerId,
    observedId: row.observedId,
  };
}

type Row = {
  workspaceId: string;
  workspaceConfiguration: unknown;
  sessionId: string | null;
  sessionName: string | null;
  sessionConfiguration: unknown;
  observerId: string | null;
  observedId: string | null;
};
