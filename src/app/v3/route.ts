// ANY /v3 — JSON 404: the bare prefix is not a route, and must not fall through to Next's HTML 404 page
import 'server-only';

import { unknownRouteHandlers } from '@/server/http/unknown-route';

export const GET = unknownRouteHandlers.GET;
export const POST = unknownRouteHandlers.POST;
export const PUT = unknownRouteHandlers.PUT;
export const DELETE = unknownRouteHandlers.DELETE;
export const PATCH = unknownRouteHandlers.PATCH;
