// `npm run mcp`: Rapport's MCP tools on stdio for desktop clients (Claude Desktop, Cursor, …), forwarded to a running
// Rapport server's /mcp endpoint. stdout carries the protocol, so everything else goes to stderr.
//
//   RAPPORT_URL=https://rapport.example.com RAPPORT_API_KEY=rk_… npm run --silent mcp
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { connectUpstream, createBridgeServer, readBridgeConfig } from '@/mcp-bridge/stdio-bridge';

async function main(): Promise<void> {
  const config = readBridgeConfig(process.env);
  const upstream = await connectUpstream(config);
  const server = createBridgeServer(upstream, config);
  await server.connect(new StdioServerTransport());
  console.error(`[rapport-mcp] forwarding stdio to ${config.endpoint.href}`);
  const stop = async () => {
    await server.close();
    await upstream.close();
    process.exit(0);
  };
  process.stdin.on('close', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`[rapport-mcp] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
