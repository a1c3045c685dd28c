import 'server-only';
// Session tools: create, list, delete, clone, membership, inspection, messages and context.
import { z } from 'zod';
import { metadataSchema, peerId, publicId, sessionId } from '@/contracts/common';
import { getSessionContextRoute, getSessionSummariesRoute } from '@/contracts/context';
import { createMessagesRoute, getMessageRoute, listMessagesRoute, messageListBodySchema, messagesCreateBodySchema } from '@/contracts/messages';
import { listPeerSessionsRoute } from '@/contracts/peers';
import {
  addSessionPeersRoute,
  cloneSessionRoute,
  deleteSessionRoute,
  getOrCreateSessionRoute,
  listSessionPeersRoute,
  listSessionsBodySchema,
  listSessionsRoute,
  removeSessionPeersBodySchema,
  removeSessionPeersRoute,
} from '@/contracts/sessions';
import { composed, defineTool, firstFailure, limitArg, pageArg, resolveWorkspace, workspaceArg } from '../mcp-tool';

const peerIds = removeSessionPeersBodySchema.min(1, 'At least 1 peer is required');

function sessionParams(ctx: { credential: Parameters<typeof resolveWorkspace>[0] }, args: { workspace_id?: string; session_id: string }) {
  return { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id), session_id: args.session_id };
}

export const sessionTools = [
  defineTool({
    name: 'create_session',
    description: 'Get or create a session, optionally with peers joining it and metadata set when it is created.',
    input: z.object({ workspace_id: workspaceArg, session_id: sessionId, peer_ids: peerIds.optional(), metadata: metadataSchema.optional() }),
    run: (args, ctx) =>
      ctx.call(getOrCreateSessionRoute, {
        params: { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id) },
        body: { id: args.session_id, metadata: args.metadata, peers: args.peer_ids && Object.fromEntries(args.peer_ids.map((id) => [id, {}])) },
      }),
  }),
  defineTool({
    name: 'list_sessions',
    description: 'List the sessions of the workspace, or with peer_id the sessions that peer takes part in.',
    input: z.object({ workspace_id: workspaceArg, peer_id: peerId.optional(), filters: listSessionsBodySchema.shape.filters, page: pageArg, limit: limitArg }),
    run: (args, ctx) => {
      const workspace = resolveWorkspace(ctx.credential, args.workspace_id);
      const query = { page: args.page, size: args.limit };
      const body = { filters: args.filters };
      if (args.peer_id !== undefined) return ctx.call(listPeerSessionsRoute, { params: { workspace_id: workspace, peer_id: args.peer_id }, query, body });
      return ctx.call(listSessionsRoute, { params: { workspace_id: workspace }, query, body });
    },
  }),
  defineTool({
    name: 'delete_session',
    description: 'Delete a session with its messages (the work runs in the background).',
    input: z.object({ workspace_id: workspaceArg, session_id: sessionId }),
    run: (args, ctx) => ctx.call(deleteSessionRoute, { params: sessionParams(ctx, args) }),
  }),
  defineTool({
    name: 'clone_session',
    description: 'Copy a session with its messages (up to message_id when given) into a new session.',
    input: z.object({ workspace_id: workspaceArg, session_id: sessionId, message_id: publicId.optional() }),
    run: (args, ctx) => ctx.call(cloneSessionRoute, { params: sessionParams(ctx, args), query: { message_id: args.message_id } }),
  }),
  defineTool({
    name: 'add_peers_to_session',
    description: 'Add peers to a session (they are created when missing).',
    input: z.object({ workspace_id: workspaceArg, session_id: sessionId, peer_ids: peerIds }),
    run: (args, ctx) =>
      ctx.call(addSessionPeersRoute, { params: sessionParams(ctx, args), body: Object.fromEntries(args.peer_ids.map((id) => [id, {}])) }),
  }),
  defineTool({
    name: 'remove_peers_from_session',
    description: 'Remove peers from a session; their messages stay.',
    input: z.object({ workspace_id: workspaceArg, session_id: sessionId, peer_ids: peerIds }),
    run: (args, ctx) => ctx.call(removeSessionPeersRoute, { params: sessionParams(ctx, args), body: args.peer_ids }),
  }),
  defineTool({
    name: 'get_session_peers',
    description: 'The active members of a session, in join order.',
    input: z.object({ workspace_id: workspaceArg, session_id: sessionId, page: pageArg, limit: limitArg }),
    run: (args, ctx) => ctx.call(listSessionPeersRoute, { params: sessionParams(ctx, args), query: { page: args.page, size: args.limit } }),
  }),
  defineTool({
    name: 'inspect_session',
    description: "A session's metadata and configuration, its active members and its summaries.",
    input: z.object({ workspace_id: workspaceArg, session_id: sessionId }),
    run: async (args, ctx) => {
      const params = sessionParams(ctx, args);
      // Members first: it fails for a missing session, so inspecting never creates one.
      const peers = await ctx.call(listSessionPeersRoute, { params, query: { size: 100 } });
      if (!peers.ok) return peers;
      const session = await ctx.call(getOrCreateSessionRoute, { params: { workspace_id: params.workspace_id }, body: { id: params.session_id } });
      const summaries = await ctx.call(getSessionSummariesRoute, { params });
      const failed = firstFailure(session, summaries);
      if (failed) return failed;
      const members = ((peers.body as { items?: { id: string }[] }).items ?? []).map((item) => item.id);
      return composed({ session: session.ok ? session.body : null, peer_ids: members, summaries: summaries.ok ? summaries.body : null });
    },
  }),
  defineTool({
    name: 'add_messages_to_session',
    description: 'Append up to 100 messages to a session, each written by a peer (peers and the session are created when missing).',
    input: z.object({ workspace_id: workspaceArg, session_id: sessionId, messages: messagesCreateBodySchema.shape.messages }),
    run: (args, ctx) => ctx.call(createMessagesRoute, { params: sessionParams(ctx, args), body: { messages: args.messages } }),
  }),
  defineTool({
    name: 'get_session_messages',
    description: 'The messages of a session, oldest first (newest first with reverse).',
    input: z.object({
      workspace_id: workspaceArg,
      session_id: sessionId,
      filters: messageListBodySchema.shape.filters,
      reverse: z.boolean().optional(),
      page: pageArg,
      limit: limitArg,
    }),
    run: (args, ctx) =>
      ctx.call(listMessagesRoute, {
        params: sessionParams(ctx, args),
        query: { page: args.page, size: args.limit, reverse: args.reverse },
        body: { filters: args.filters },
      }),
  }),
  defineTool({
    name: 'get_session_message',
    description: 'One message of a session by id.',
    input: z.object({ workspace_id: workspaceArg, session_id: sessionId, message_id: publicId }),
    run: (args, ctx) => ctx.call(getMessageRoute, { params: { ...sessionParams(ctx, args), message_id: args.message_id } }),
  }),
  defineTool({
    name: 'get_session_context',
    description:
      "A session's recent messages and summary fitted to a token budget, and with peer_target what is known about that " +
      'peer (from peer_perspective when given).',
    input: z.object({
      workspace_id: workspaceArg,
      session_id: sessionId,
      tokens: z.number().int().optional().meta({ description: 'Budget for all parts together; default 100,000.' }),
      summary: z.boolean().optional().meta({ description: 'Include a summary if one fits (default true).' }),
      peer_target: peerId.optional(),
      peer_perspective: peerId.optional(),
      search_query: z.string().optional(),
    }),
    run: (args, ctx) =>
      ctx.call(getSessionContextRoute, {
        params: sessionParams(ctx, args),
        query: {
          tokens: args.tokens,
          summary: args.summary,
          peer_target: args.peer_target,
          peer_perspective: args.peer_perspective,
          search_query: args.search_query,
        },
      }),
  }),
];
