import 'server-only';
// Conclusion tools: list, search, store and delete what was concluded about peers.
import { z } from 'zod';
import { peerId, publicId, sessionId } from '@/contracts/common';
import { conclusionBatch, conclusionListBodySchema, createConclusionsRoute, deleteConclusionRoute, listConclusionsRoute } from '@/contracts/conclusions';
import { conclusionQueryBodySchema, queryConclusionsRoute } from '@/contracts/search';
import { defineTool, limitArg, mergeFilters, pageArg, resolveWorkspace, workspaceArg } from '../mcp-tool';

const query = conclusionQueryBodySchema.shape;
const observerArg = peerId.meta({ description: 'Peer holding the conclusions.' });
const observedArg = peerId.optional().meta({ description: 'Peer the conclusions are about; default the observer.' });

export const conclusionTools = [
  defineTool({
    name: 'list_conclusions',
    description: 'List conclusions, newest first, optionally only those one peer holds (observer_id) about another (observed_id).',
    input: z.object({
      workspace_id: workspaceArg,
      observer_id: peerId.optional(),
      observed_id: peerId.optional(),
      session_id: sessionId.optional(),
      filters: conclusionListBodySchema.shape.filters,
      page: pageArg,
      limit: limitArg,
    }),
    run: (args, ctx) =>
      ctx.call(listConclusionsRoute, {
        params: { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id) },
        query: { page: args.page, size: args.limit },
        body: { filters: mergeFilters(args.filters, { observer_id: args.observer_id, observed_id: args.observed_id, session_id: args.session_id }) },
      }),
  }),
  defineTool({
    name: 'query_conclusions',
    description: 'Search the conclusions observer_id holds about observed_id by relevance to query (hybrid lexical and semantic).',
    input: z.object({
      workspace_id: workspaceArg,
      query: query.query,
      observer_id: observerArg,
      observed_id: observedArg,
      limit: query.top_k,
      distance: query.distance,
      filters: query.filters,
    }),
    run: (args, ctx) =>
      ctx.call(queryConclusionsRoute, {
        params: { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id) },
        body: {
          query: args.query,
          top_k: args.limit,
          distance: args.distance,
          filters: mergeFilters(args.filters, { observer_id: args.observer_id, observed_id: args.observed_id ?? args.observer_id }),
        },
      }),
  }),
  defineTool({
    name: 'create_conclusions',
    description: 'Store up to 100 conclusions stated explicitly (not derived), each held by observer_id about observed_id.',
    input: z.object({
      workspace_id: workspaceArg,
      conclusions: conclusionBatch,
    }),
    run: (args, ctx) =>
      ctx.call(createConclusionsRoute, { params: { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id) }, body: { conclusions: args.conclusions } }),
  }),
  defineTool({
    name: 'delete_conclusion',
    description: 'Delete one conclusion by id.',
    input: z.object({ workspace_id: workspaceArg, conclusion_id: publicId }),
    run: (args, ctx) =>
      ctx.call(deleteConclusionRoute, { params: { workspace_id: resolveWorkspace(ctx.credential, args.workspace_id), conclusion_id: args.conclusion_id } }),
  }),
];
