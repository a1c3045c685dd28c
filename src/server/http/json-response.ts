import 'server-only';

// JSON responses with the headers every Rapport response carries. Built on the web `Response`, not NextResponse,
// so the same helpers work in route handlers, in tests that call handlers in-process, and in plain Node.
import { REQUEST_ID_HEADER, resolveRequestId } from './request-id';

export interface JsonResponseInit {
  status?: number;
  headers?: HeadersInit;
  /** Already resolved id; otherwise it is taken from `request` or generated. */
  requestId?: string;
}

/** Serialises `body` as JSON and tags the response with the request id. */
export function jsonResponse(request: Request | undefined, body: unknown, init: JsonResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set(REQUEST_ID_HEADER, init.requestId ?? resolveRequestId(request));
  // JSON.stringify(undefined) is undefined; send `null` so the body is always valid JSON (the SDK parses 2xx text).
  return new Response(JSON.stringify(body) ?? 'null', { status: init.status ?? 200, headers });
}

/** A bodiless response (204) that still carries the request id. */
export function emptyResponse(request: Request | undefined, init: JsonResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set(REQUEST_ID_HEADER, init.requestId ?? resolveRequestId(request));
  return new Response(null, { status: init.status ?? 204, headers });
}
