// The shape of one route registry entry. The REST adapter, the OpenAPI builder, the docs page and the conformance
// tests all read the same entry, so a route is described exactly once.
import type { z } from 'zod';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Auth codes of docs/api.md#s3; the algorithm that applies them is docs/api.md#s4-3. */
export const AUTH_SCOPES = ['none', 'A', 'W', 'W/P', 'W/S', 'W/S+m', 'self'] as const;
export type AuthScope = (typeof AUTH_SCOPES)[number];

export const AUTH_SCOPE_DESCRIPTIONS: Readonly<Record<AuthScope, string>> = {
  none: 'No credential required.',
  A: 'Admin credential only.',
  W: 'Admin, or a workspace credential for {workspace_id}.',
  'W/P': 'As W, or a peer credential whose peer is {peer_id}.',
  'W/S': 'As W, or a session credential whose session is {session_id}.',
  'W/S+m': 'As W/S; a peer credential of an active member of the session may read.',
  self: 'Any valid credential; the handler checks the body against the credential.',
};

/** Tags in the order the docs page and the OpenAPI document list them. */
export const ROUTE_TAGS = [
  { name: 'Service', description: 'Liveness and API description. Never require a credential.' },
  { name: 'Keys', description: 'Minting scoped JWTs.' },
  { name: 'Workspaces', description: 'Top-level tenants. Every other resource lives inside one.' },
  { name: 'Peers', description: 'Participants in conversations: users, assistants, agents.' },
  { name: 'Sessions', description: 'Conversations between peers.' },
  { name: 'Messages', description: 'What peers said inside a session.' },
  { name: 'Conclusions', description: 'Facts derived about peers in the background.' },
  { name: 'Dialectic', description: 'Questions about a peer, answered on demand.' },
  { name: 'Webhooks', description: 'Notifications about background work.' },
  { name: 'Scopes', description: 'Named groups of sessions.' },
] as const;
export type RouteTag = (typeof ROUTE_TAGS)[number]['name'];

export type SuccessStatus = 200 | 201 | 202 | 204;

/** Media types a route can answer with on success. */
export type ResponseMediaType = 'application/json' | 'text/html' | 'text/event-stream' | 'application/x-ndjson';

export interface ExtraResponse {
  readonly description: string;
  readonly schema?: z.ZodType;
}

export interface RouteContract {
  /** Unique camelCase name; becomes the OpenAPI operationId. */
  readonly id: string;
  readonly method: HttpMethod;
  /** OpenAPI-style path, e.g. `/v3/workspaces/{workspace_id}`; every `{name}` needs a key in `params`. */
  readonly path: string;
  readonly auth: AuthScope;
  readonly summary: string;
  readonly description?: string;
  readonly tag: RouteTag;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** Optional-body routes (docs/api.md#s1-2) treat a missing body like `{}`. */
  readonly bodyRequired?: boolean;
  readonly bodyMediaType?: 'application/json' | 'multipart/form-data';
  readonly response?: z.ZodType;
  readonly responseMediaType?: ResponseMediaType;
  readonly status: SuccessStatus;
  /** Other documented outcomes, e.g. 200 for get-or-create of an existing resource or 503 for health. */
  readonly extraResponses?: Readonly<Partial<Record<number, ExtraResponse>>>;
}

/** Identity at run time; at compile time it keeps the literal schema types so handlers infer their inputs. */
export function defineRoute<const T extends RouteContract>(route: T): T {
  return route;
}
