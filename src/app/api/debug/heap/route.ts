// GET /api/debug/heap — the server process's heap after a forced collection, for leak hunting (soak runs).
// Answers 404 unless RAPPORT_HEAP_REPORT is set, so a production server exposes nothing.
import 'server-only';

import { connection } from 'next/server';

import { heapReport, heapReportEnabled } from '@/server/diagnostics/heap-report';
import { notFoundError } from '@/server/http/json-error';
import { jsonResponse } from '@/server/http/json-response';

export async function GET(request: Request): Promise<Response> {
  await connection();
  if (!heapReportEnabled()) return notFoundError(request);
  return jsonResponse(request, heapReport(), { headers: { 'cache-control': 'no-store' } });
}
