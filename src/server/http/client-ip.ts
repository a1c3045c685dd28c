import 'server-only';
// The client's address as well as a route handler can tell: the first X-Forwarded-For hop (set by the reverse proxy
// or platform in front of Next), then X-Real-IP. Used to key rate limits when auth is disabled and to attribute
// failed-auth bursts; never for an access decision, since a client can forge these headers when nothing strips them.
export function clientIp(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded.slice(0, 64);
  const real = request.headers.get('x-real-ip')?.trim();
  if (real) return real.slice(0, 64);
  return 'unknown';
}
