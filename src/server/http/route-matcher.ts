// Which methods the route registry serves at a concrete path. The proxy uses it to answer 405 with JSON (Next's own
// 405 has an empty body, which the SDK cannot parse) and to leave unknown paths to the JSON 404 catch-all.
// Static and dynamic patterns that both match contribute their methods, which is exactly the contract's fall-through
// rule (`PUT …/sessions/list` is the dynamic session route).
import { routes, type HttpMethod } from '@/contracts/routes';

type Compiled = { method: HttpMethod; parts: (string | null)[] };

let compiled: Compiled[] | undefined;

function compile(): Compiled[] {
  compiled ??= routes.map((r) => ({
    method: r.method,
    parts: r.path.split('/').filter(Boolean).map((p) => (p.startsWith('{') ? null : p)),
  }));
  return compiled;
}

/** Methods registered for `pathname` (trailing slash ignored), or an empty list when no route matches it. */
export function methodsForPath(pathname: string): HttpMethod[] {
  const segments = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  const methods = new Set<HttpMethod>();
  for (const route of compile()) {
    if (route.parts.length !== segments.length) continue;
    if (route.parts.every((p, i) => p === null || p === segments[i])) methods.add(route.method);
  }
  return [...methods];
}
