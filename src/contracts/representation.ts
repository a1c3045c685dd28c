// Wire schemas and routes of a peer's representation, peer context and peer cards (docs/api.md#s3-10, #s5-8, #s6).
import { z } from 'zod';
import { cleanText, queryBoolean, queryInt, resourceId } from './common';
import { defineRoute, type RouteContract } from './route-contract';
import { scopeOption } from './scope-option';
import { existingPeerParam } from './sessions';

export const REPRESENTATION_DEFAULT_MAX = 25;
export const REPRESENTATION_NULL_MAX = 100;
/** Session allowlists (docs/api.md#s2-6) name at most this many sessions. */
export const SESSION_ALLOWLIST_MAX = 1_000;

/** A query float within bounds (e.g. `search_max_distance=0.4`). */
export function queryFloat(min: number, max: number) {
  return z
    .string()
    .regex(/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/, 'Must be a number')
    .transform(Number)
    .pipe(z.number().min(min, `Must be ≥ ${min}`).max(max, `Must be ≤ ${max}`));
}

/** The retrieval knobs of docs/api.md#s5-8, as JSON body fields. */
export const representationOptionsShape = {
  search_query: cleanText.nullable().optional().meta({ description: 'Enables relevance retrieval (hybrid ranking, docs/honcho-differences.md#hybrid-retrieval).' }),
  search_top_k: z.number().int().min(1).max(100).nullable().optional().meta({ description: 'Default max(1, floor(max_conclusions/3)).' }),
  search_max_distance: z.number().min(0).max(1).nullable().optional().meta({ description: 'Cosine cap on the vector leg.' }),
  include_most_frequent: z.boolean().nullable().optional().meta({ description: 'Default false.' }),
  max_conclusions: z.number().int().min(1).max(100).nullable().optional().meta({ description: '25 when omitted; null means 100.' }),
};

export const representationBodySchema = z
  .object({
    target: z.string().nullable().optional().meta({ description: 'Observed peer; default the path peer.' }),
    session_id: z.string().nullable().optional().meta({ description: 'Only explicit conclusions from this session.' }),
    filters: z.unknown().optional().meta({ description: 'Session allowlist: only `session_id` (string, array or {"in": [...]}) (docs/api.md#s2-6).' }),
    scope: scopeOption,
    ...representationOptionsShape,
  })
  .meta({ id: 'RepresentationRequest' });

export const representationResponseSchema = z
  .object({ representation: z.string().meta({ description: 'Markdown (docs/api.md#s6); "" when nothing is known.' }) })
  .meta({ id: 'Representation' });

export const peerContextQuerySchema = z.object({
  target: z.string().optional(),
  search_query: z.string().transform((s) => s.replace(/\u0000/g, '')).optional(),
  search_top_k: queryInt(1, 100).optional(),
  search_max_distance: queryFloat(0, 1).optional(),
  include_most_frequent: queryBoolean.optional().meta({ description: 'Default true.' }),
  max_conclusions: queryInt(1, 100).optional().meta({ description: 'Default 100.' }),
});

export const peerContextResponseSchema = z
  .object({
    peer_id: z.string(),
    target_id: z.string(),
    representation: z.string(),
    peer_card: z.array(z.string()).nullable(),
  })
  .meta({ id: 'PeerContext' });

export const peerCardResponseSchema = z.object({ peer_card: z.array(z.string()).nullable() }).meta({ id: 'PeerCard' });

export const peerCardBodySchema = z
  .object({ peer_card: z.array(cleanText).meta({ description: 'Stored verbatim (NUL stripped).' }) })
  .meta({ id: 'PeerCardSet' });

const peerParams = z.object({ workspace_id: z.string(), peer_id: existingPeerParam('Peer id.') });
const PEER = '/v3/workspaces/{workspace_id}/peers/{peer_id}';

export const getRepresentationRoute = defineRoute({
  id: 'getRepresentation',
  method: 'POST',
  path: `${PEER}/representation`,
  auth: 'W/P',
  tag: 'Peers',
  summary: 'What the peer knows about itself or a target, as markdown',
  description: 'Observer = the path peer; observed = `target` or the path peer. Recent, most frequent and relevant conclusions (docs/api.md#s5-8).',
  params: peerParams,
  body: representationBodySchema,
  bodyRequired: true,
  response: representationResponseSchema,
  status: 200,
});

export const getPeerContextRoute = defineRoute({
  id: 'getPeerContext',
  method: 'GET',
  path: `${PEER}/context`,
  auth: 'W/P',
  tag: 'Peers',
  summary: "A peer's representation and card in one call",
  params: peerParams,
  query: peerContextQuerySchema,
  response: peerContextResponseSchema,
  status: 200,
  extraResponses: { 404: { description: 'The path peer does not exist.' } },
});

export const getPeerCardRoute = defineRoute({
  id: 'getPeerCard',
  method: 'GET',
  path: `${PEER}/card`,
  auth: 'W/P',
  tag: 'Peers',
  summary: "The peer's card about itself, or about `target`",
  params: peerParams,
  query: z.object({ target: z.string().optional() }),
  response: peerCardResponseSchema,
  status: 200,
  extraResponses: { 404: { description: 'The path peer does not exist.' } },
});

export const setPeerCardRoute = defineRoute({
  id: 'setPeerCard',
  method: 'PUT',
  path: `${PEER}/card`,
  auth: 'W/P',
  tag: 'Peers',
  summary: "Replace the peer's card about itself, or about `target`",
  description: 'Get-or-creates the path peer (and the target); the list is stored verbatim.',
  params: z.object({ workspace_id: resourceId, peer_id: resourceId }),
  query: z.object({ target: resourceId.optional() }),
  body: peerCardBodySchema,
  bodyRequired: true,
  response: peerCardResponseSchema,
  status: 200,
});

export const representationRoutes: readonly RouteContract[] = [
  getRepresentationRoute,
  getPeerContextRoute,
  getPeerCardRoute,
  setPeerCardRoute,
];
