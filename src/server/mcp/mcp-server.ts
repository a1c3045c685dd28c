import 'server-only';
// One MCP server per HTTP request, bound to the caller's credential: nothing survives the request, so any replica
// can answer any request and there is no session to lose. tools/list describes every tool's arguments as JSON Schema
// generated from its zod schema; tools/call validates the arguments against that same schema, then runs the tool.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { errorResponse } from '@/server/http/route';
import { validationDetail, zodIssues } from '@/server/http/validation-issues';
import type { Credential } from '@/server/services/auth/credential';
import type { McpToolDefinition } from './mcp-tool';
import { dispatchRest, type RestHandlers, type RestOutcome } from './rest-dispatch';
import { MCP_TOOLS } from './tools';

export const MCP_SERVER_INFO = { name: 'rapport', version: '1' } as const;

export const MCP_INSTRUCTIONS =
  'Rapport stores conversations between peers (users, assistants, agents) in sessions, and derives conclusions about ' +
  'each peer in the background. Add messages with add_messages_to_session, ask about a peer with chat, read what is ' +
  'known with get_peer_context or query_conclusions. workspace_id may be omitted when the key is bound to a workspace.';

export type McpRequestContext = { request: Request; requestId: string; credential: Credential; handlers: RestHandlers };

const TOOLS_BY_NAME = new Map(MCP_TOOLS.map((tool) => [tool.name, tool]));
let listing: Tool[] | undefined;

/** tools/list: computed once per process, since the schemas never change. */
export function toolListing(): Tool[] {
  listing ??= MCP_TOOLS.map((tool) => ({
    name: tool.name,
    description: tool.description,
    inputSchema: z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Tool['inputSchema'],
  }));
  return listing;
}

export function createMcpServer(context: McpRequestContext): Server {
  const server = new Server(MCP_SERVER_INFO, { capabilities: { tools: {} }, instructions: MCP_INSTRUCTIONS });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: toolListing() }));
  server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
    const tool = TOOLS_BY_NAME.get(params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${params.name}`);
    return callTool(tool, params.arguments ?? {}, context);
  });
  return server;
}

async function callTool(tool: McpToolDefinition, args: unknown, context: McpRequestContext): Promise<CallToolResult> {
  const parsed = tool.input.safeParse(args, { reportInput: true });
  // The REST adapter's wording: `messages[0].peer_id: Field required`.
  if (!parsed.success) return toolError(validationDetail(zodIssues('body', parsed.error)));
  try {
    const outcome = await tool.run(parsed.data, {
      credential: context.credential,
      call: (contract, call) => dispatchRest(context, contract, call),
    });
    return toolResult(outcome);
  } catch (error) {
    // What a tool throws itself (a missing workspace_id) is mapped exactly as the REST adapter maps it.
    const response = errorResponse(context.request, context.requestId, error);
    const body = (await response.json()) as { detail: string };
    return toolError(body.detail);
  }
}

function toolResult(outcome: RestOutcome): CallToolResult {
  if (!outcome.ok) return toolError(outcome.detail);
  const body = outcome.body;
  const text = body === null ? 'Done.' : JSON.stringify(body);
  const structured = body !== null && typeof body === 'object' && !Array.isArray(body) ? { structuredContent: body as Record<string, unknown> } : {};
  return { content: [{ type: 'text', text }], ...structured };
}

function toolError(detail: string): CallToolResult {
  return { content: [{ type: 'text', text: detail }], isError: true };
}
