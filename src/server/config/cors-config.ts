// CORS settings for the /v3 API (docs/api.md#s1-1). Browsers using the SDK preflight every request.
export const CORS_ALLOWED_METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
export const CORS_ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, X-Honcho-Host, X-Request-Id, Idempotency-Key';
export const CORS_EXPOSED_HEADERS = 'Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, x-request-id, Idempotent-Replayed';

/** `CORS_ALLOWED_ORIGINS`: comma-separated origins, or `*` (the default) for any origin. */
export function allowedOrigin(requestOrigin: string | null, setting = process.env.CORS_ALLOWED_ORIGINS ?? '*'): string | null {
  const list = setting.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.includes('*')) return '*';
  return requestOrigin && list.includes(requestOrigin) ? requestOrigin : null;
}
