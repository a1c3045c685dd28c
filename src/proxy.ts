// Network edge of the /v3 API: CORS preflights (204 without auth), CORS headers on every answer, JSON 405s for
// methods a known path does not serve, and a JSON 400 for a path Next could not percent-decode (Next itself would
// answer with its HTML error page). On console pages it only records the requested path (console-path.ts).
// Everything else is the route handlers' job.
import { NextResponse, type NextRequest } from 'next/server';
import { ERROR_DETAILS } from '@/contracts/errors';
import { allowedOrigin, CORS_ALLOWED_HEADERS, CORS_ALLOWED_METHODS, CORS_EXPOSED_HEADERS } from '@/server/config/cors-config';
import { CONSOLE_PATH_HEADER, consolePathOf } from '@/server/http/console-path';
import { consoleContentSecurityPolicy, NONCE_HEADER, newNonce } from '@/server/http/console-csp';
import { resolveRequestId } from '@/server/http/request-id';
import { methodsForPath } from '@/server/http/route-matcher';

/** True when a path segment is not valid percent-encoded UTF-8 (`%E0%A4%A`, `%zz`), which Next cannot route. */
function hasMalformedEscape(pathname: string): boolean {
  try {
    for (const segment of pathname.split('/')) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

function corsHeaders(request: NextRequest): Headers {
  const headers = new Headers();
  const origin = allowedOrigin(request.headers.get('origin'));
  if (origin) {
    headers.set('access-control-allow-origin', origin);
    headers.set('access-control-expose-headers', CORS_EXPOSED_HEADERS);
    if (origin !== '*') headers.set('vary', 'Origin');
  }
  return headers;
}

/**
 * Console pages may not be framed (clickjacking of key creation, deletions), may not re-base relative URLs or load
 * plugins, and run only scripts carrying this response's nonce (console-csp.ts).
 */
const CONSOLE_SECURITY_HEADERS = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
} as const;

/**
 * Console pages: pass the requested path (console-path.ts) and a fresh script nonce on to the server components,
 * overwriting any value a client sent, and add the security headers.
 */
function consoleRequest(request: NextRequest) {
  const nonce = newNonce();
  const policy = consoleContentSecurityPolicy(nonce, { development: process.env.NODE_ENV === 'development' });
  const forwarded = new Headers(request.headers);
  forwarded.set(CONSOLE_PATH_HEADER, consolePathOf(request.nextUrl));
  forwarded.set(NONCE_HEADER, nonce);
  // Next takes the nonce for its own scripts from the request's policy header.
  forwarded.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(CONSOLE_SECURITY_HEADERS)) response.headers.set(name, value);
  response.headers.set('content-security-policy', policy);
  return response;
}

export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith('/console')) return consoleRequest(request);
  const headers = corsHeaders(request);
  if (request.method === 'OPTIONS') {
    headers.set('access-control-allow-methods', CORS_ALLOWED_METHODS);
    headers.set('access-control-allow-headers', CORS_ALLOWED_HEADERS);
    headers.set('access-control-max-age', '600');
    return new NextResponse(null, { status: 204, headers });
  }
  if (hasMalformedEscape(request.nextUrl.pathname)) {
    headers.set('x-request-id', resolveRequestId(request));
    return NextResponse.json({ detail: ERROR_DETAILS.malformedPath }, { status: 400, headers });
  }
  const methods = methodsForPath(request.nextUrl.pathname);
  if (methods.length > 0 && !methods.includes(request.method as (typeof methods)[number])) {
    headers.set('allow', [...methods, 'OPTIONS'].join(', '));
    headers.set('x-request-id', resolveRequestId(request));
    return NextResponse.json({ detail: ERROR_DETAILS.methodNotAllowed }, { status: 405, headers });
  }
  const response = NextResponse.next();
  headers.forEach((value, key) => response.headers.set(key, value));
  return response;
}

export const config = { matcher: ['/v3', '/v3/:path*', '/console', '/console/:path*'] };
