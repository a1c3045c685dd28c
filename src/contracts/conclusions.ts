// Wire schemas and routes of conclusions (docs/api.md#s3-9, #s1-10): create, list, read and delete. The hybrid
// `…/conclusions/query` route belongs to retrieval and reuses `conclusionSchema` from here.
import { z } from 'zod';
import { pageOf, paginationQuery, peerId, sessionId, timestamp } from './common';
import { defineRoute, type RouteContract } from './route-contract';
import { existingIdParam, filtersField } from './workspaces';

export const CONCLUSION_LEVELS = ['explicit', 'deductive', 'inductive', 'contradiction'] as const;
export type ConclusionLevelName = (typeof CONCLUSION_LEVELS)[number];

export const CONCLUSION_CONTENT_MAX_CHARS = 65_535;
/** o200k tokens; checked by the service, because contracts stay tokenizer-free. */
export const CONCLUSION_CONTENT_MAX_TOKENS = 8_192;
export const CONCLUSION_BATCH_MAX = 100;

export const conclusionSchema = z
  .object({
    id: z.string().meta({ description: '21-character server-generated id, URL-safe.' }),
    content: z.string(),
    observer_id: z.string().meta({ description: 'The peer holding this conclusion.' }),
    observed_id: z.string().meta({ description: 'The peer the conclusion is about.' }),
    session_id: z.string().nullable().meta({ description: 'Session of origin; null for API-created ones without one.' }),
    level: z.enum(CONCLUSION_LEVELS),
    source_ids: z.array(z.string()).meta({ description: 'Ids of the conclusions this one was derived from; [] for explicit.' }),
    times_derived: z.number().int().meta({ description: 'Reinforcement count, starts at 1.' }),
    created_at: timestamp,
  })
  .meta({
    id: 'Conclusion',
    example: {
      id: 'V1StGXR8_Z5jdHi6B-myT',
      content: 'alice moved to Lisbon',
      observer_id: 'alice',
      observed_id: 'alice',
      session_id: 's1',
      level: 'explicit',
      source_ids: [],
      times_derived: 1,
      created_at: '2026-08-20T15:42:38.123Z',
    },
  });

export type WireConclusion = z.infer<typeof conclusionSchema>;

export const conclusionCreateSchema = z
  .object({
    content: z
      .string()
      .transform((text) => text.replace(/\u0000/g, ''))
      .pipe(
        z
          .string()
          .min(1, 'Must be at least 1 character')
          .max(CONCLUSION_CONTENT_MAX_CHARS, `Must be at most ${CONCLUSION_CONTENT_MAX_CHARS} characters`),
      )
      .meta({ description: `1–65,535 characters and at most ${CONCLUSION_CONTENT_MAX_TOKENS} tokens; NUL removed.` }),
    observer_id: peerId.meta({ description: 'Existing peer holding the conclusion.' }),
    observed_id: peerId.meta({ description: 'Existing peer the conclusion is about (not a scope).' }),
    session_id: sessionId.nullable().optional().meta({ description: 'Existing session of origin.' }),
  })
  .meta({ id: 'ConclusionCreate' });

export type ConclusionCreateInput = z.output<typeof conclusionCreateSchema>;

export const conclusionBatch = z
  .array(conclusionCreateSchema)
  .min(1, 'At least 1 conclusion is required')
  .max(CONCLUSION_BATCH_MAX, `At most ${CONCLUSION_BATCH_MAX} conclusions per request`);

/** `conclusions`, or the legacy key `observations`; handlers always see `conclusions`. */
export const conclusionsCreateBodySchema = z
  .object({
    conclusions: conclusionBatch.optional(),
    observations: conclusionBatch.optional().meta({ description: 'Legacy alias of `conclusions`.', deprecated: true }),
  })
  .transform((body, ctx) => {
    const conclusions = body.conclusions ?? body.observations;
    if (!conclusions) {
      ctx.addIssue({ code: 'custom', path: ['conclusions'], message: 'Field required' });
      return z.NEVER;
    }
    return { conclusions };
  });

export const conclusionListBodySchema = z.object({
  filters: filtersField.meta({
    description:
      'Filter over id, content, level, observer_id (observer), observed_id (observed), session_id (session_name), ' +
      'workspace_id, times_derived, created_at, source_ids and metadata (provenance) (docs/api.md#s2).',
  }),
});

const BASE = '/v3/workspaces/{workspace_id}/conclusions';
const workspaceParams = z.object({ workspace_id: existingIdParam('Workspace id.') });
const conclusionParams = workspaceParams.extend({ conclusion_id: existingIdParam('Conclusion id.') });

export const createConclusionsRoute = defineRoute({
  id: 'createConclusions',
  method: 'POST',
  path: BASE,
  auth: 'W',
  tag: 'Conclusions',
  summary: 'Store up to 100 explicit conclusions',
  description:
    'Stored as level `explicit`, `times_derived` 1 and `source_ids` [], embedded for retrieval; no de-duplication. ' +
    'The peers and the session (when given) must exist. The legacy body key `observations` is accepted.',
  params: workspaceParams,
  body: conclusionsCreateBodySchema,
  bodyRequired: true,
  response: z.array(conclusionSchema),
  status: 201,
  extraResponses: { 404: { description: 'A peer or the session does not exist.' } },
});

export const listConclusionsRoute = defineRoute({
  id: 'listConclusions',
  method: 'POST',
  path: `${BASE}/list`,
  auth: 'W',
  tag: 'Conclusions',
  summary: 'List conclusions, newest first',
  params: workspaceParams,
  query: paginationQuery,
  body: conclusionListBodySchema,
  bodyRequired: false,
  response: pageOf(conclusionSchema, 'PageConclusion'),
  status: 200,
});

export const getConclusionRoute = defineRoute({
  id: 'getConclusion',
  method: 'GET',
  path: `${BASE}/{conclusion_id}`,
  auth: 'W',
  tag: 'Conclusions',
  summary: 'Read one conclusion',
  params: conclusionParams,
  response: conclusionSchema,
  status: 200,
  extraResponses: { 404: { description: 'No such conclusion in this workspace.' } },
});

export const deleteConclusionRoute = defineRoute({
  id: 'deleteConclusion',
  method: 'DELETE',
  path: `${BASE}/{conclusion_id}`,
  auth: 'W',
  tag: 'Conclusions',
  summary: 'Delete a conclusion',
  description: 'Removes it and its embedding at once; conclusions citing it keep its id in `source_ids`.',
  params: conclusionParams,
  status: 204,
  extraResponses: { 404: { description: 'No such conclusion in this workspace.' } },
});

export const conclusionsRoutes: readonly RouteContract[] = [
  createConclusionsRoute,
  listConclusionsRoute,
  getConclusionRoute,
  deleteConclusionRoute,
];
