import 'server-only';

// The answer for any /v3 path no route file claims. Next would otherwise render its HTML 404 page, which the SDK
// cannot parse (api-contract §7.3), so the catch-all route exports this for every method.
import { notFoundError } from './json-error';

export function answerUnknownRoute(request: Request): Response {
  return notFoundError(request);
}

/** Handlers for every method a client may send, ready to be re-exported by a catch-all route file. */
export const unknownRouteHandlers = {
  GET: answerUnknownRoute,
  POST: answerUnknownRoute,
  PUT: answerUnknownRoute,
  DELETE: answerUnknownRoute,
  PATCH: answerUnknownRoute,
} as const;
