import 'server-only';
// POST /mcp: the Streamable HTTP transport of the MCP server, in its stateless form. Each POST carries its own
// credential, gets a fresh server and transport, and is answered with plain JSON (no server-sent-event stream and no
// Mcp-Session-Id), so the endpoint behaves the same behind any number of replicas or on serverless hosts.
// GET (a server-to-client stream) and DELETE (ending a session) have no meaning without sessions: 405.
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { RouteContract } from '@/contracts/route-contract';
import { authorizeRequest } from '@/server/http/credentials';
import { methodNotAllowedError } from '@/server/http/json-error';
import { jsonNestsDeeperThan, MAX_JSON_NESTING } from '@/server/http/json-nesting';
import { loggableSubject, observeRequest, type RequestFacts } from '@/server/http/observe-request';
import { JSON_BODY_LIMIT, readBodyText } from '@/server/http/read-body';
import { resolveRequestId } from '@/server/http/request-id';
import { errorResponse } from '@/server/http/route';
import { InvalidInputError } from '@/server/services/errors';
import { createMcpServer } from './mcp-server';
import type { RestHandlers } from './rest-dispatch';

/**
 * How /mcp is authenticated: any valid credential (`self`), checked by the same function as every /v3 route, so a
 * bad key gets the same 401 and counts towards the same failed-auth budget. What the credential may reach is decided
 * per tool call, by the route that call stands for.
 */
const MCP_ENDPOINT: RouteContract = {
  id: 'mcp',
  method: 'POST',
  path: '/mcp',
  auth: 'self',
  tag: 'Service',
  summary: 'Model Context Protocol endpoint',
  status: 200,
};

export function mcpRouteHandlers(handlers: RestHandlers) {
  const POST = async (request: Request): Promise<Response> => {
    const requestId = resolveRequestId(request);
    const facts: RequestFacts = { method: 'POST', endpoint: '/mcp', requestId };
    return observeRequest(facts, async () => {
      try {
        const credential = await authorizeRequest(request, MCP_ENDPOINT, {});
        facts.keyId = loggableSubject(credential.subject);
        if (credential.kind !== 'admin') facts.workspace = credential.workspace || undefined;
        const message = await readJsonRpcBody(request);
        if (message === PARSE_ERROR) return parseErrorResponse(requestId);
        const server = createMcpServer({ request, requestId, credential, handlers });
        const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
        await server.connect(transport);
        try {
          const response = await transport.handleRequest(request, { parsedBody: message });
          response.headers.set('x-request-id', requestId);
          return response;
        } finally {
          await server.close();
        }
      } catch (error) {
        return errorResponse(request, requestId, error);
      }
    });
  };
  const sessionless = async (request: Request): Promise<Response> => methodNotAllowedError(request, ['POST']);
  return { POST, GET: sessionless, DELETE: sessionless };
}

const PARSE_ERROR = Symbol('parse error');

/** The body within the REST API's JSON limits (size, nesting); unparseable JSON is a JSON-RPC parse error. */
async function readJsonRpcBody(request: Request): Promise<unknown> {
  const text = await readBodyText(request, JSON_BODY_LIMIT);
  if (jsonNestsDeeperThan(text, MAX_JSON_NESTING)) {
    throw InvalidInputError.at('body', `JSON nesting deeper than ${MAX_JSON_NESTING} levels is not allowed`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return PARSE_ERROR;
  }
}

function parseErrorResponse(requestId: string): Response {
  const body = { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error: the body is not valid JSON' }, id: null };
  return Response.json(body, { status: 400, headers: { 'x-request-id': requestId } });
}
