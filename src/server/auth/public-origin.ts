import 'server-only';
// The origin the browser used to reach the console, for the absolute URLs Auth.js builds (sign-out and sign-in
// redirects, OAuth callbacks) and for whether its cookies are `Secure`. Next hands route handlers a request URL built
// from the listen address (`http://0.0.0.0:8000` under `npm start`), which is no address a browser can use, so:
//   1. AUTH_URL (or NEXTAUTH_URL) when set: the operator's statement of the public URL wins;
//   2. otherwise X-Forwarded-Host / X-Forwarded-Proto, as a reverse proxy sets them (Auth.js's `trustHost`);
//   3. otherwise the Host header, with the scheme the connection used.
// See docs/security.md.
import type { NextRequest } from 'next/server';

type Env = Readonly<Record<string, string | undefined>>;

/** `host[:port]`, an IPv6 literal in brackets, nothing else (no userinfo, path or whitespace). */
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

const firstValue = (value: string | null) => value?.split(',')[0]?.trim() || null;

export function publicOrigin(request: Request, env: Env = process.env): string {
  const configured = env.AUTH_URL || env.NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const url = new URL(request.url);
  const host = [firstValue(request.headers.get('x-forwarded-host')), firstValue(request.headers.get('host'))].find((h) => h && HOST.test(h));
  if (!host) return url.origin;
  const forwardedProto = firstValue(request.headers.get('x-forwarded-proto'))?.toLowerCase();
  const proto = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : url.protocol.slice(0, -1);
  return `${proto}://${host}`;
}

/**
 * The same request, addressed to the public origin (what Auth.js's handlers read their base URL from). A plain Request,
 * not a NextRequest: NextRequest rewrites `127.0.0.1` and `[::1]` to `localhost`, a different origin for the browser
 * (and its cookies). With AUTH_URL set, next-auth re-addresses the NextRequest itself.
 */
export function withPublicOrigin(request: NextRequest, env: Env = process.env): NextRequest {
  if (env.AUTH_URL || env.NEXTAUTH_URL) return request;
  const url = new URL(request.url);
  const target = `${publicOrigin(request, env)}${url.pathname}${url.search}`;
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers: request.headers, signal: request.signal };
  if (hasBody) Object.assign(init, { body: request.body, duplex: 'half' });
  // Auth.js only reads the Request interface of what it is handed.
  return new Request(target, init) as NextRequest;
}
