// ANY /v3/{path…} — JSON 404 for every /v3 path no route file claims, whatever the method
import 'server-only';

import { unknownRouteHandlers } from '@/server/http/unknown-route';

// More specific route files always win over this catch-all, so it only ever sees paths nothing else serves.
export const GET = unknownRouteHandlers.GET;
export const POST = unknownRouteHandlers.POST;
export const PUT = unknownRouteHandlers.PUT;
export const DELETE = unknownRouteHandlers.DELETE;
export const PATCH = unknownRouteHandlers.PATCH;
