// GET /metrics — Prometheus text format; 404 unless METRICS_TOKEN is set, 401 without that bearer token
import 'server-only';

import { serveMetrics } from '@/server/http/metrics-endpoint';

// Live counters and the database: answered on every request, never prerendered or cached.
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return serveMetrics(request);
}
