// Wire schemas and route of POST /v3/keys (docs/api.md#s3-1): minting Honcho-format JWTs.
import { z } from 'zod';
import { dateTimeInput, resourceId } from './common';
import { defineRoute, type RouteContract } from './route-contract';

export const createKeyQuery = z.object({
  workspace_id: resourceId.optional().meta({ description: 'Claim `w`: the workspace the token is scoped to.' }),
  peer_id: resourceId.optional().meta({ description: 'Claim `p`: narrows the token to one peer; requires `workspace_id`.' }),
  session_id: resourceId.optional().meta({ description: 'Claim `s`: narrows the token to one session; requires `workspace_id`.' }),
  expires_at: dateTimeInput
    .optional()
    .meta({ description: 'Claim `exp` (written as epoch seconds). ISO-8601; naive values mean UTC. Omitted: never expires.' }),
});

export const createKeyResponseSchema = z
  .object({ key: z.string().meta({ description: 'The signed JWT; send it as `Authorization: Bearer <key>`.' }) })
  .meta({ id: 'CreatedKey', example: { key: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0IjoiMjAyNi0wOC0yMFQxNTo0MjozOC4xMjNaIiwidyI6Im15LWFwcCJ9.…' } });

export type CreatedKey = z.infer<typeof createKeyResponseSchema>;

export const createKeyRoute = defineRoute({
  id: 'createKey',
  method: 'POST',
  path: '/v3/keys',
  auth: 'A',
  tag: 'Keys',
  summary: 'Mint a scoped JWT',
  description:
    'Signs a stateless HS256 JWT with claims `{t, w, p?, s?, exp?}` for the workspace, peer or session given in the ' +
    'query. At least one id is required, and `peer_id`/`session_id` need `workspace_id` (422). No body. ' +
    'Answers 405 while API auth is disabled. Stored, revocable API keys are created in the console instead.',
  query: createKeyQuery,
  response: createKeyResponseSchema,
  status: 200,
  extraResponses: { 405: { description: 'API auth is disabled on this server.' } },
});

export const keysRoutes: readonly RouteContract[] = [createKeyRoute];
