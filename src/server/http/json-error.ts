import 'server-only';

// JSON error responses (docs/api.md#s1-8): every non-2xx answer is JSON with a string `detail`, never a framework
// HTML page, because the SDK builds its error message from `detail` and crashes on non-JSON bodies.
import { ERROR_DETAILS } from '@/contracts/errors';
import type { HttpMethod } from '@/contracts/routes';

import { jsonResponse, type JsonResponseInit } from './json-response';

/** Additional top-level fields; `detail` is reserved so it always stays the string given. */
export type ErrorExtras = Readonly<Record<string, unknown>> & { readonly detail?: never };

/** `{"detail": detail, ...extras}` with the given status and an `x-request-id` header. */
export function jsonError(
  request: Request | undefined,
  status: number,
  detail: string,
  extras: ErrorExtras = {},
  init: Omit<JsonResponseInit, 'status'> = {},
): Response {
  return jsonResponse(request, { ...extras, detail }, { ...init, status });
}

/** 404 `{"detail":"Not Found"}`: unknown paths, and resources that are missing or being deleted. */
export function notFoundError(request: Request | undefined, detail: string = ERROR_DETAILS.notFound): Response {
  return jsonError(request, 404, detail);
}

/** 405 `{"detail":"Method Not Allowed"}` with the `Allow` header listing what the path does accept. */
export function methodNotAllowedError(request: Request | undefined, allowed: readonly HttpMethod[] = []): Response {
  const headers: HeadersInit = allowed.length > 0 ? { allow: [...allowed, 'OPTIONS'].join(', ') } : {};
  return jsonError(request, 405, ERROR_DETAILS.methodNotAllowed, {}, { headers });
}

/** 500 with exactly `{"detail":"Internal server error"}`: no internal text ever reaches the client (docs/honcho-differences.md#unexpected-errors). */
export function internalError(request: Request | undefined): Response {
  return jsonError(request, 500, ERROR_DETAILS.internal);
}
