import 'server-only';
// How conclusions are read for the wire (docs/api.md#s1-10): one SELECT shape joined to the observer, observed and
// session names, and the mapper to the wire object. Conclusions held by or about a peer whose deletion is pending,
// and those of a deleted workspace, are never read (docs/honcho-differences.md#deletion-and-export); a session being deleted shows as no session.
import { Prisma } from '@/generated/prisma/client';
import type { WireConclusion, ConclusionLevelName } from '@/contracts/conclusions';
import { wireTimestamp } from '../wire-format';

export type ConclusionRow = {
  id: string;
  content: string;
  level: ConclusionLevelName;
  sourceIds: string[];
  timesDerived: number;
  createdAt: Date;
  observerName: string;
  observedName: string;
  sessionName: string | null;
};

export const CONCLUSION_SELECT = Prisma.sql`c.id, c.content, c.level::text AS level, c.source_ids AS "sourceIds",
  c.times_derived AS "timesDerived", c.created_at AS "createdAt", op.name AS "observerName",
  od.name AS "observedName", s.name AS "sessionName"`;

/** FROM clause with the aliases the select list and the filter columns use (c, op, od, s, w). */
export const CONCLUSION_FROM = Prisma.sql`conclusions c
  JOIN workspaces w ON w.id = c.workspace_id
  JOIN peers op ON op.id = c.observer_id AND op.deleted_at IS NULL
  JOIN peers od ON od.id = c.observed_id AND od.deleted_at IS NULL
  LEFT JOIN sessions s ON s.id = c.session_id AND s.deleted_at IS NULL`;

/** Rows a read may show: live conclusions of the named workspace. */
export function liveConclusionsOf(workspaceName: string): Prisma.Sql {
  return Prisma.sql`w.name = ${workspaceName}`;
}

export function conclusionToWire(row: ConclusionRow): WireConclusion {
  return {
    id: row.id,
    content: row.content,
    observer_id: row.observerName,
    observed_id: row.observedName,
    session_id: row.sessionName,
    level: row.level,
    source_ids: row.sourceIds ?? [],
    times_derived: row.timesDerived,
    created_at: wireTimestamp(row.createdAt),
  };
}

export function conclusionNotFound(id: string) {
  return `Conclusion with ID ${id} not found`;
}
