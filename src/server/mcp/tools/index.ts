import 'server-only';
// Every MCP tool, in the order tools/list presents them.
import type { McpToolDefinition } from '../mcp-tool';
import { conclusionTools } from './conclusion-tools';
import { peerTools } from './peer-tools';
import { sessionTools } from './session-tools';
import { systemTools } from './system-tools';
import { workspaceTools } from './workspace-tools';

export const MCP_TOOLS: readonly McpToolDefinition[] = [...workspaceTools, ...peerTools, ...sessionTools, ...conclusionTools, ...systemTools];
