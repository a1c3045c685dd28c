import 'server-only';
// Workspace tools: list, create, inspect, message search, workspace-wide chat, and metadata of the workspace or of
// one of its peers or sessions.
import { z } from 'zod';
import { workspaceChatBody, workspaceChatRoute } from '@/contracts/chat';
import { metadataSchema, peerId, resourceId, sessionId } from '@/contracts/common';
import { createPeerRoute, listPeersRoute, updatePeerRoute } from '@/contracts/peers';
import { messageSearchBodySchema, searchPeerRoute, searchSessionRoute, searchWorkspaceRoute } from '@/contracts/search';
import { getOrCreateSessionRoute, listSessionsRoute, updateSessionRoute } from '@/contracts/sessions';
import { createWorkspaceRoute, filtersField, listWorkspacesRoute, updateWorkspaceRoute } from '@/contracts/workspaces';
import { composed, defineTool, firstFailure, limitArg, mergeFilters, pageArg, resolveWorkspace, workspaceArg } from '../mcp-tool';

const search = messageSearchBodySchema.shape;

export const workspaceTools = [
  defineTool({
    name: 'list_workspaces',
    description: 'List workspaces (admin credentials only).',
    input: z.object({ filters: filtersField, page: pageArg, limit: limitArg }),
    run: (args, ctx) => ctx.call(listWorkspacesRoute, { params: {}, query: { page: args.page, size: args.limit }, body: { filters: args.filters } }),
  }),
  defineTool({
    name: 'create_workspace',
    description: 'Get or create a workspace, optionally setting its metadata when it is created.',
    input: z.object({ workspace_id: resourceId, metadata: metadataSchema.optional() }),
    run: (args, ctx) => ctx.call(createWorkspaceRoute, { params: {}, body: { id: args.workspace_id, metadata: args.metadata } }),
  }),
  defineTool({
    name: 'inspect_workspace',
    description: "A workspace's metadata and configuration with the ids of its first 100 peers and sessions.",
    input: z.object({ workspace_id: workspaceArg }),
    run: async (args, ctx) => {
      const workspace = resolveWorkspace(ctx.credential, args.workspace_id);
      const params = { workspace_id: workspace };
      const first100 = { page: 1, size: 100 };
      const info = await ctx.call(createWorkspaceRoute, { params: {}, body: { id: workspace } });
      if (!info.ok) return info;
      const peers = await ctx.call(listPeersRoute, { params, query: first100, body: {} });
      const sessions = await ctx.call(listSessionsRoute, { params, query: first100, body: {} });
      const failed = firstFailure(peers, sessions);
      if (failed) return failed;
      return composed({ workspace: info.body, peer_ids: itemIds(peers.ok ? peers.body : null), session_ids: itemIds(sessions.ok ? sessions.body : null) });
    },
  }),
  defineTool({
    name: 'search',
    description:
      'Search messages by text (hybrid lexical and semantic ranking). With session_id, only that session; with peer_id, ' +
      'only messages that peer wrote; otherwise the whole workspace.',
    input: z.object({
      workspace_id: workspaceArg,
      query: search.query,
      peer_id: peerId.optional(),
      session_id: sessionId.optional(),
      filters: search.filters,
      limit: search.limit,
    }),
    run: (args, ctx) => {
      const workspace = resolveWorkspace(ctx.credential, args.workspace_id);
      const body = { query: args.query, limit: args.limit, filters: args.filters };
      if (args.session_id !== undefined) {
        const filters = mergeFilters(args.filters, { peer_id: args.peer_id });
        return ctx.call(searchSessionRoute, { params: { workspace_id: workspace, session_id: args.session_id }, body: { ...body, filters } });
      }
      if (args.peer_id !== undefined) return ctx.call(searchPeerRoute, { params: { workspace_id: workspace, peer_id: args.peer_id }, body });
      return ctx.call(searchWorkspaceRoute, { params: { workspace_id: workspace }, body });
    },
  }),
  defineTool({
    name: 'workspace_chat',
    description: 'Ask a question answered from what is known about every peer of the workspace.',
    input: z.object({
      workspace_id: workspaceArg,
      query: workspaceChatBody.shape.query,
      session_id: workspaceChatBody.shape.session_id,
      reasoning_level: workspaceChatBody.shape.reasoning_level,
    }),
    run: (args, ctx) =>
      ctx.call(workspaceChatRoute, {
        params: { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id) },
        body: { query: args.query, session_id: args.session_id, reasoning_level: args.reasoning_level, stream: false },
      }),
  }),
  defineTool({
    name: 'get_metadata',
    description: 'Metadata of the workspace, or of a peer (peer_id) or a session (session_id) in it; a missing peer or session is created.',
    input: z.object({ workspace_id: workspaceArg, peer_id: peerId.optional(), session_id: sessionId.optional() }),
    run: async (args, ctx) => {
      const workspace = resolveWorkspace(ctx.credential, args.workspace_id);
      const params = { workspace_id: workspace };
      const outcome =
        args.session_id !== undefined
          ? await ctx.call(getOrCreateSessionRoute, { params, body: { id: args.session_id } })
          : args.peer_id !== undefined
            ? await ctx.call(createPeerRoute, { params, body: { id: args.peer_id } })
            : await ctx.call(createWorkspaceRoute, { params: {}, body: { id: workspace } });
      if (!outcome.ok) return outcome;
      return composed((outcome.body as { metadata?: unknown }).metadata ?? {});
    },
  }),
  defineTool({
    name: 'set_metadata',
    description: 'Replace the metadata of the workspace, or of a peer (peer_id) or a session (session_id) in it.',
    input: z.object({ workspace_id: workspaceArg, peer_id: peerId.optional(), session_id: sessionId.optional(), metadata: metadataSchema }),
    run: (args, ctx) => {
      const workspace = resolveWorkspace(ctx.credential, args.workspace_id);
      const body = { metadata: args.metadata };
      if (args.session_id !== undefined) return ctx.call(updateSessionRoute, { params: { workspace_id: workspace, session_id: args.session_id }, body });
      if (args.peer_id !== undefined) return ctx.call(updatePeerRoute, { params: { workspace_id: workspace, peer_id: args.peer_id }, body });
      return ctx.call(updateWorkspaceRoute, { params: { workspace_id: workspace }, body });
    },
  }),
];

function itemIds(page: unknown): string[] {
  const items = (page as { items?: { id: string }[] } | null)?.items ?? [];
  return items.map((item) => item.id);
}
