import 'server-only';
// The client's address as well as a server can tell: the first X-Forwarded-For hop (set by the reverse proxy or
// platform in front of Next), then X-Real-IP. Used to key rate limits when auth is disabled and to attribute sign-ins
// and failed-auth bursts; never for an access decision, since a client can forge these headers when nothing strips them.

/** The reported address, or null when no proxy header is present. */
export function forwardedClientIp(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  const ip = forwarded || headers.get('x-real-ip')?.trim();
  return ip ? ip.slice(0, 64) : null;
}

/** The reported address of a request, `unknown` when there is none (a rate-limit key is always needed). */
export function clientIp(request: Request): string {
  return forwardedClientIp(request.headers) ?? 'unknown';
}
