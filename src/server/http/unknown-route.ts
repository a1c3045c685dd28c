import 'server-only';

// The answer for any /v3 path no route file claims. Next would otherwise render its HTML 404 page, which the SDK
// cannot parse (docs/api.md#s7-3), so the catch-all route exports this for every method.
import { ERROR_DETAILS } from '@/contracts/errors';
import { UNMATCHED_ENDPOINT } from '@/server/observability/metrics';
import { jsonError } from './json-error';
import { observeRequest } from './observe-request';
import { resolveRequestId } from './request-id';

export function answerUnknownRoute(request: Request): Promise<Response> {
  // Counted under one label, whatever the path: raw paths would make the number of series unbounded.
  const requestId = resolveRequestId(request);
  const facts = { method: request.method, endpoint: UNMATCHED_ENDPOINT, requestId };
  return observeRequest(facts, async () => jsonError(request, 404, ERROR_DETAILS.notFound, {}, { requestId }));
}

/** Handlers for every method a client may send, ready to be re-exported by a catch-all route file. */
export const unknownRouteHandlers = {
  GET: answerUnknownRoute,
  POST: answerUnknownRoute,
  PUT: answerUnknownRoute,
  DELETE: answerUnknownRoute,
  PATCH: answerUnknownRoute,
} as const;
