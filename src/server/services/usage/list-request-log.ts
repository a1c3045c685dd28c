import 'server-only';
// A page of an app's request log, newest first, filtered by status class, route template and credential, plus the
// routes and credentials present (for the filter menus). Rows carry no body and no secret: none is stored.
import type { StatusClass } from '@/contracts/console-usage';
import type { DbClient } from '@/server/db/client';
import { pageWindow, toPage } from '@/server/db/pagination';
import { apiKeyNames, readRequestLog, requestLogFacets } from '@/server/db/usage-rollups';
import { credentialLabel, storedKeyIds } from './credential-label';

const STATUS_RANGES: Record<Exclude<StatusClass, 'all'>, [number, number]> = { '2xx': [200, 300], '3xx': [300, 400], '4xx': [400, 500], '5xx': [500, 600] };

export type RequestLogQuery = { status: StatusClass; route?: string; key?: string; page: number; size: number };

export async function listRequestLog(db: DbClient, workspaceId: string, query: RequestLogQuery) {
  const range = query.status === 'all' ? undefined : STATUS_RANGES[query.status];
  const request = { page: query.page, size: query.size, reverse: false };
  const filter = { workspaceId, statusFrom: range?.[0], statusTo: range?.[1], route: query.route || undefined, keyId: query.key || undefined };
  const [{ rows, total }, facets] = await Promise.all([readRequestLog(db, filter, pageWindow(request)), requestLogFacets(db, workspaceId)]);
  const names = await apiKeyNames(db, workspaceId, storedKeyIds([...rows.map((r) => r.keyId), ...facets.keys]));
  const items = rows.map((r) => ({
    id: r.id.toString(),
    at: r.at.toISOString(),
    method: r.method,
    route: r.route,
    status: r.status,
    latencyMs: r.latencyMs,
    requestId: r.requestId,
    credential: credentialLabel(r.keyId, names),
  }));
  return { ...toPage(items, total, request), routes: facets.routes, keys: facets.keys.map((k) => credentialLabel(k, names)) };
}
