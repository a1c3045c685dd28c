import 'server-only';
// How an MCP tool reaches Rapport: as the REST call it stands for, answered in process by the very route handler that
// serves that route over HTTP. The handler authenticates the forwarded Authorization header with the route's own auth
// code, spends the caller's rate-limit budget, validates against the route's contract, runs the domain service and
// maps errors, so a tool can do exactly what the same credential could do over /v3 and fails with the same `detail`.
// Nothing here decides access or touches the database.
import type { RouteContract } from '@/contracts/route-contract';
import { PEER_ADDRESS_HEADER } from '@/server/http/peer-address';
import { REQUEST_ID_HEADER } from '@/server/http/request-id';

/** A route.ts export: `(request, {params}) → Response`. */
export type RestRouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The route handlers the tools may call, keyed by route contract id. */
export type RestHandlers = Readonly<Record<string, RestRouteHandler>>;

export type RestCall = {
  params: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
};

export type RestOutcome = { ok: true; status: number; body: unknown } | { ok: false; status: number; detail: string };

/**
 * Headers of the MCP request that the inner call keeps: the credential, what identifies the client for rate limits
 * and audit (the peer address this process stamped, forwarding headers), and tracing. Anything else (Idempotency-Key,
 * content negotiation of the MCP exchange) belongs to the outer request only.
 */
const FORWARDED_HEADERS = ['authorization', PEER_ADDRESS_HEADER, 'x-forwarded-for', 'x-real-ip', 'user-agent', 'traceparent', 'tracestate'];

export type DispatchOrigin = { request: Request; requestId: string; handlers: RestHandlers };

export async function dispatchRest(origin: DispatchOrigin, contract: RouteContract, call: RestCall): Promise<RestOutcome> {
  const handler = origin.handlers[contract.id];
  if (!handler) throw new Error(`No route handler registered for ${contract.id}`);
  const url = new URL(concretePath(contract.path, call.params), origin.request.url);
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const headers = new Headers({ accept: 'application/json', [REQUEST_ID_HEADER]: origin.requestId });
  for (const name of FORWARDED_HEADERS) {
    const value = origin.request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const init: RequestInit = { method: contract.method, headers, signal: origin.request.signal };
  if (call.body !== undefined) {
    headers.set('content-type', 'application/json');
    init.body = JSON.stringify(call.body);
  }
  const response = await handler(new Request(url, init), { params: Promise.resolve(call.params) });
  const text = await response.text();
  const body = parseJson(text);
  if (response.ok) return { ok: true, status: response.status, body };
  const detail = body && typeof body === 'object' && typeof (body as { detail?: unknown }).detail === 'string' ? (body as { detail: string }).detail : text;
  return { ok: false, status: response.status, detail };
}

function concretePath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
