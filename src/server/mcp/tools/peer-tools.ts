import 'server-only';
// Peer tools: create and list peers, ask what a peer knows (chat), its card, its context and its representation.
import { z } from 'zod';
import { peerChatBody, peerChatRoute } from '@/contracts/chat';
import { metadataSchema, peerId } from '@/contracts/common';
import { peerConfigurationSchema } from '@/contracts/configuration';
import { createPeerRoute, listPeersBody, listPeersRoute } from '@/contracts/peers';
import {
  getPeerCardRoute,
  getPeerContextRoute,
  getRepresentationRoute,
  peerCardBodySchema,
  representationBodySchema,
  setPeerCardRoute,
} from '@/contracts/representation';
import { defineTool, limitArg, pageArg, resolveWorkspace, workspaceArg } from '../mcp-tool';

const chat = peerChatBody.shape;
const representation = representationBodySchema.shape;
const target = peerId.optional().meta({ description: 'The peer being described; default the peer itself.' });

export const peerTools = [
  defineTool({
    name: 'create_peer',
    description: 'Get or create a peer (a user, an assistant, an agent) in the workspace.',
    input: z.object({
      workspace_id: workspaceArg,
      peer_id: peerId,
      metadata: metadataSchema.optional(),
      configuration: peerConfigurationSchema.optional(),
    }),
    run: (args, ctx) =>
      ctx.call(createPeerRoute, {
        params: { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id) },
        body: { id: args.peer_id, metadata: args.metadata, configuration: args.configuration },
      }),
  }),
  defineTool({
    name: 'list_peers',
    description: 'List the peers of the workspace, oldest first.',
    input: z.object({ workspace_id: workspaceArg, filters: listPeersBody.shape.filters, page: pageArg, limit: limitArg }),
    run: (args, ctx) =>
      ctx.call(listPeersRoute, {
        params: { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id) },
        query: { page: args.page, size: args.limit },
        body: { filters: args.filters },
      }),
  }),
  defineTool({
    name: 'chat',
    description:
      'Ask a question about a peer and get an answer built from what the peer has said and what was concluded about it. ' +
      'With target, the answer is what peer_id knows about target; with session_id, recall is pinned to that session.',
    input: z.object({
      workspace_id: workspaceArg,
      peer_id: peerId,
      query: chat.query,
      target: chat.target,
      session_id: chat.session_id,
      reasoning_level: chat.reasoning_level,
      include_evidence: chat.include_evidence,
    }),
    run: (args, ctx) =>
      ctx.call(peerChatRoute, {
        params: { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id), peer_id: args.peer_id },
        body: {
          query: args.query,
          target: args.target,
          session_id: args.session_id,
          reasoning_level: args.reasoning_level,
          include_evidence: args.include_evidence,
          stream: false,
        },
      }),
  }),
  defineTool({
    name: 'get_peer_card',
    description: "The peer's card: short durable facts about it (or, with target, about target as the peer sees it).",
    input: z.object({ workspace_id: workspaceArg, peer_id: peerId, target }),
    run: (args, ctx) =>
      ctx.call(getPeerCardRoute, {
        params: { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id), peer_id: args.peer_id },
        query: { target: args.target },
      }),
  }),
  defineTool({
    name: 'set_peer_card',
    description: "Replace the peer's card (or, with target, its card about target).",
    input: z.object({ workspace_id: workspaceArg, peer_id: peerId, target, peer_card: peerCardBodySchema.shape.peer_card }),
    run: (args, ctx) =>
      ctx.call(setPeerCardRoute, {
        params: { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id), peer_id: args.peer_id },
        query: { target: args.target },
        body: { peer_card: args.peer_card },
      }),
  }),
  defineTool({
    name: 'get_peer_context',
    description: "The peer's representation and card together, optionally ranked by relevance to search_query.",
    input: z.object({
      workspace_id: workspaceArg,
      peer_id: peerId,
      target,
      search_query: z.string().optional().meta({ description: 'Ranks conclusions by relevance to this text.' }),
      max_conclusions: z.number().int().optional().meta({ description: '1–100, default 100.' }),
    }),
    run: (args, ctx) =>
      ctx.call(getPeerContextRoute, {
        params: { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id), peer_id: args.peer_id },
        query: { target: args.target, search_query: args.search_query, max_conclusions: args.max_conclusions },
      }),
  }),
  defineTool({
    name: 'get_representation',
    description: "What is known about the peer (or, with target, what the peer knows about target), as Markdown.",
    input: z.object({
      workspace_id: workspaceArg,
      peer_id: peerId,
      target: representation.target,
      session_id: representation.session_id,
      search_query: representation.search_query,
      max_conclusions: representation.max_conclusions,
    }),
    run: (args, ctx) =>
      ctx.call(getRepresentationRoute, {
        params: { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id), peer_id: args.peer_id },
        body: { target: args.target, session_id: args.session_id, search_query: args.search_query, max_conclusions: args.max_conclusions },
      }),
  }),
];
