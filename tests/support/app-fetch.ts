/// <reference types="vite/client" />
// Serves requests in-process through the real route.ts files under src/app, resolved the way Next's App Router does
// (static segments before [param] before [...catchAll]). The official SDK is pointed at it by replacing
// globalThis.fetch, so SDK tests exercise the same handlers `next start` serves, without a server.
import { vi } from 'vitest';
import { assertResponseMatchesContract } from './response-contract';

type RouteModule = Partial<Record<string, (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response>>;

const modules = import.meta.glob<RouteModule>('/src/app/**/route.ts');

export type Segment = { kind: 'static'; value: string } | { kind: 'param'; name: string } | { kind: 'catchAll'; name: string };
export type Entry = { file: string; segments: Segment[]; load: () => Promise<RouteModule> };

export const entries: Entry[] = Object.entries(modules).map(([file, load]) => {
  const dir = file.replace(/^\/src\/app/, '').replace(/\/route\.ts$/, '');
  const segments: Segment[] = dir
    .split('/')
    .filter((s) => s && !/^\(.*\)$/.test(s)) // route groups do not appear in URLs
    .map((s) => {
      const catchAll = /^\[\.\.\.(.+)\]$/.exec(s);
      if (catchAll) return { kind: 'catchAll', name: catchAll[1]! };
      const param = /^\[(.+)\]$/.exec(s);
      if (param) return { kind: 'param', name: param[1]! };
      return { kind: 'static', value: s };
    });
  return { file, segments, load: load as () => Promise<RouteModule> };
});

const RANK = { static: 0, param: 1, catchAll: 2 } as const;

export function match(pathname: string): { entry: Entry; params: Record<string, string | string[]> } | null {
  const parts = pathname.split('/').filter(Boolean);
  let best: { entry: Entry; params: Record<string, string | string[]>; score: number[] } | null = null;
  for (const entry of entries) {
    const params: Record<string, string | string[]> = {};
    const score: number[] = [];
    let ok = true;
    let i = 0;
    for (const seg of entry.segments) {
      if (seg.kind === 'catchAll') {
        if (i >= parts.length) ok = false;
        else params[seg.name] = parts.slice(i).map(decodeURIComponent);
        i = parts.length;
        score.push(RANK.catchAll);
        break;
      }
      const part = parts[i];
      if (part === undefined) { ok = false; break; }
      if (seg.kind === 'static' && seg.value !== part) { ok = false; break; }
      if (seg.kind === 'param') params[seg.name] = decodeURIComponent(part);
      score.push(RANK[seg.kind]);
      i += 1;
    }
    if (!ok || i !== parts.length) continue;
    if (!best || compareScores(score, best.score) < 0) best = { entry, params, score };
  }
  return best && { entry: best.entry, params: best.params };
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Answers one request through the app's route handlers. */
export async function appFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request && !init ? input : new Request(input, init);
  const url = new URL(request.url);
  // Next strips one trailing slash before matching (skipTrailingSlashRedirect keeps the URL as sent).
  let found: ReturnType<typeof match>;
  try {
    found = match(url.pathname.replace(/\/+$/, '') || '/');
  } catch {
    // Next cannot decode the path either and answers with its HTML error page (the proxy turns /v3 ones into JSON).
    return new Response('<html>Next 400</html>', { status: 400, headers: { 'content-type': 'text/html' } });
  }
  if (!found) return new Response('<html>Next 404</html>', { status: 404, headers: { 'content-type': 'text/html' } });
  const mod = await found.entry.load();
  const handler = mod[request.method];
  if (!handler) return new Response(null, { status: 405 });
  const response = await handler(request, { params: Promise.resolve(found.params) });
  // Every successful JSON answer must match its route's response schema; a drift fails the calling test here.
  await assertResponseMatchesContract(request, response);
  return response;
}

export const APP_BASE_URL = 'http://localhost:8000';

/** Routes fetch() calls for APP_BASE_URL to the in-process app for the rest of the test file. */
export function installAppFetch(): void {
  const original = globalThis.fetch;
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    return url.startsWith(APP_BASE_URL) ? appFetch(input, init) : original(input, init);
  });
}

/** Convenience for raw HTTP tests: JSON request to the in-process app. */
export async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  return appFetch(`${APP_BASE_URL}${path}`, init);
}
