// GET /health — liveness plus database, vector mode and model engines; 503 when the database is unreachable
import 'server-only';

import { connection } from 'next/server';

import type { HealthResponse, HealthUnavailable } from '@/contracts/service';
import { jsonResponse } from '@/server/http/json-response';
import { observeRequest } from '@/server/http/observe-request';
import { resolveRequestId } from '@/server/http/request-id';
import { getHealth } from '@/server/services/health/get-health';

export async function GET(request: Request): Promise<Response> {
  // Touches the database: never prerender it at build time, always answer from the running server.
  await connection();
  return observeRequest({ method: 'GET', endpoint: '/health', requestId: resolveRequestId(request) }, () => health(request));
}

async function health(request: Request): Promise<Response> {
  const report = await getHealth();
  if (report.healthy) {
    const body: HealthResponse = {
      status: 'ok',
      database: report.database,
      vector: report.vector,
      ...(report.engines ? { engines: report.engines } : {}),
    };
    return jsonResponse(request, body, { headers: { 'cache-control': 'no-store' } });
  }
  const body: HealthUnavailable = {
    status: 'error',
    detail: 'Database unreachable',
    ...(report.database ? { database: report.database } : {}),
    ...(report.vector ? { vector: report.vector } : {}),
    ...(report.engines ? { engines: report.engines } : {}),
  };
  // 503 tells load balancers to stop routing here; the SDK treats it as retryable.
  return jsonResponse(request, body, { status: 503, headers: { 'cache-control': 'no-store' } });
}
