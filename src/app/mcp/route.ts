// POST /mcp — the Model Context Protocol server (Streamable HTTP, stateless); GET and DELETE answer 405
import 'server-only';

import { mcpRouteHandlers } from '@/server/mcp/mcp-endpoint';
import { MCP_REST_HANDLERS } from './rest-handlers';

const handlers = mcpRouteHandlers(MCP_REST_HANDLERS);

export const POST = handlers.POST;
export const GET = handlers.GET;
export const DELETE = handlers.DELETE;
