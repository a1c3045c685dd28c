import 'server-only';
// GET /metrics for Prometheus. Off (404, as if the path did not exist) unless METRICS_TOKEN is set; then only a
// request with `Authorization: Bearer <METRICS_TOKEN>` is answered. The worker's own metrics port uses the same handler.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readObservabilityConfig } from '@/server/config/observability-config';
import { scrapeMetrics } from '@/server/observability/scrape';
import { jsonError, notFoundError } from './json-error';

function sameToken(sent: string, expected: string): boolean {
  // Hashing first gives both sides one length, so the comparison time says nothing about the token.
  const a = createHash('sha256').update(sent).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export async function serveMetrics(request: Request): Promise<Response> {
  const token = readObservabilityConfig().metricsToken;
  if (!token) return notFoundError(request);
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match || !sameToken(match[1]!, token)) {
    return jsonError(request, 401, 'Invalid or missing metrics token', {}, { headers: { 'www-authenticate': 'Bearer' } });
  }
  const { contentType, body } = await scrapeMetrics();
  return new Response(body, { status: 200, headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}
