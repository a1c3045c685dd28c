// GET /openapi.json — the OpenAPI 3.1 document generated from the route registry
import 'server-only';

import { jsonResponse } from '@/server/http/json-response';
import { getOpenApiDocument } from '@/server/openapi/build-openapi-document';

export function GET(request: Request): Response {
  return jsonResponse(request, getOpenApiDocument(), {
    headers: { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=60' },
  });
}
