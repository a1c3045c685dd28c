// The desktop side of Rapport's MCP server: an MCP server on stdio (what desktop clients spawn) that forwards
// tools/list and tools/call to a Rapport server's /mcp endpoint with an API key. It holds no tools of its own, so a
// desktop client sees exactly the tools, descriptions and errors the HTTP endpoint serves. Runs outside Next and
// imports nothing from the server.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

export type BridgeConfig = { endpoint: URL; apiKey: string; timeoutMs: number };

const DEFAULT_URL = 'http://localhost:8000';
/** A chat with a slow model can take minutes; the SDK's own default (60 s) would cut it off. */
const DEFAULT_TIMEOUT_MS = 300_000;

/** RAPPORT_URL (default http://localhost:8000), RAPPORT_API_KEY (required), RAPPORT_MCP_TIMEOUT_MS. */
export function readBridgeConfig(env: Record<string, string | undefined>): BridgeConfig {
  const apiKey = env.RAPPORT_API_KEY?.trim();
  if (!apiKey) throw new Error('RAPPORT_API_KEY is required: an API key or JWT of the Rapport server');
  let base: URL;
  try {
    base = new URL(env.RAPPORT_URL?.trim() || DEFAULT_URL);
  } catch {
    throw new Error(`RAPPORT_URL is not a URL: ${env.RAPPORT_URL}`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(`RAPPORT_URL must be http(s): ${env.RAPPORT_URL}`);
  const timeoutMs = env.RAPPORT_MCP_TIMEOUT_MS ? Number(env.RAPPORT_MCP_TIMEOUT_MS) : DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new Error('RAPPORT_MCP_TIMEOUT_MS must be a positive integer');
  // The endpoint sits at /mcp under whatever path the server is mounted at.
  const endpoint = new URL(`${base.pathname.replace(/\/+$/, '')}/mcp`, base);
  return { endpoint, apiKey, timeoutMs };
}

/** A client of the server's /mcp endpoint, connected (the initialize exchange has run). */
export async function connectUpstream(config: BridgeConfig, fetch?: FetchLike): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(config.endpoint, {
    requestInit: { headers: { authorization: `Bearer ${config.apiKey}` } },
    fetch,
  });
  const client = new Client({ name: 'rapport-stdio-bridge', version: '1' });
  await client.connect(transport);
  return client;
}

/** The stdio-facing server: every tools request is answered by the upstream server, errors included. */
export function createBridgeServer(upstream: Client, config: Pick<BridgeConfig, 'timeoutMs'>): Server {
  const info = upstream.getServerVersion() ?? { name: 'rapport', version: '1' };
  const server = new Server(info, { capabilities: { tools: {} }, instructions: upstream.getInstructions() });
  const options = (signal: AbortSignal) => ({ signal, timeout: config.timeoutMs });
  server.setRequestHandler(ListToolsRequestSchema, (request, extra) => upstream.listTools(request.params, options(extra.signal)));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => upstream.callTool(request.params, undefined, options(extra.signal)));
  return server;
}
