import 'server-only';
// Static-over-dynamic fall-through (docs/api.md#s1-1). In the App Router a static folder (`peers/list`) claims its
// path for every method, but the contract lets only the static route's own methods win: the others belong to the
// dynamic sibling with the segment as its parameter (`PUT …/peers/list` updates the peer named `list`). The static
// route file re-exports the sibling's other methods through this helper:
//
//   import { DELETE as deletePeer, PUT as updatePeer } from '../[peer_id]/route';
//   export const PUT = fallThroughTo(updatePeer, { peer_id: 'list' });
//   export const DELETE = fallThroughTo(deletePeer, { peer_id: 'list' });

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
type RouteHandlerFunction = (request: Request, context?: RouteContext) => Promise<Response>;

/** The dynamic route's handler, called with the static segment(s) supplied as its path parameter(s). */
export function fallThroughTo(handler: RouteHandlerFunction, fixedParams: Readonly<Record<string, string>>): RouteHandlerFunction {
  return async (request, context) => {
    const params = context ? await context.params : {};
    return handler(request, { params: Promise.resolve({ ...params, ...fixedParams }) });
  };
}
