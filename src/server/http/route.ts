import 'server-only';
// The one REST adapter every /v3 route handler goes through:
//   credentials → parse path/query/body against the route's contract → call the handler → serialise → map errors.
// Route files stay one line (`export const POST = route(contract, handler)`), and every wire convention of
// docs/api.md#s1 (415/413/400/422, empty-body tolerance, x-request-id, never a 500 for bad input) lives here once.
import type { z } from 'zod';
import { ERROR_DETAILS } from '@/contracts/errors';
import type { RouteContract } from '@/contracts/route-contract';
import { databaseUnavailable } from '@/server/db/database-unavailable';
import { FilterRejectedError } from '@/server/db/filters/filter-rejected-error';
import { logger } from '@/server/observability/logger';
import { DomainError, InvalidInputError, ServiceBusyError, UnsupportedMediaError, type InputIssue } from '@/server/services/errors';
import { authorizeRequest, type Credential } from './credentials';
import { withIdempotency } from './idempotency';
import { emptyResponse, jsonResponse } from './json-response';
import { jsonError } from './json-error';
import { jsonNestsDeeperThan, MAX_JSON_NESTING } from './json-nesting';
import { loggableSubject, observeRequest, type RequestFacts } from './observe-request';
import { RateLimitExceededError, RATE_LIMIT_EXCEEDED, spendRequestBudget, withRateLimitHeaders } from './rate-limit';
import { JSON_BODY_LIMIT, readBodyBytes, readBodyText } from './read-body';
import { resolveRequestId } from './request-id';
import { auditedWorkspace, isAuditedRoute, recordRouteAudit } from './route-audit';
import { validationDetail, zodIssues } from './validation-issues';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteInput<C extends RouteContract> = {
  params: C['params'] extends z.ZodType ? z.output<C['params']> : Record<string, never>;
  query: Out<C['query']>;
  body: C['bodyMediaType'] extends 'multipart/form-data' ? FormData : Out<C['body']>;
  credential: Credential;
  request: Request;
  requestId: string;
  signal: AbortSignal;
};

/**
 * The body a handler may return for contract C: `z.input` of the contract's `response` schema. The adapter sends the
 * handler's value through `JSON.stringify` untouched (no parse, no transform), so the wire carries exactly what the
 * handler returned, and a client validating the wire with the schema accepts z.input, not z.output (an output type
 * would, for instance, demand fields that a `.default()` fills only when parsing). Routes without a JSON response
 * schema (204s, NDJSON, HTML) take no typed body; streams return a ready `Response` (docs/architecture.md#response-contracts).
 */
export type ResponseBody<C extends RouteContract> = C['response'] extends z.ZodType ? z.input<C['response']> : undefined;

/**
 * What a handler returns: a body (sent with the contract's status unless overridden), or a ready Response (SSE, NDJSON).
 * The body is required when the contract has a response schema, so a handler cannot leave the documented body out
 * (the adapter would send `null`).
 */
export type RouteResult<C extends RouteContract = RouteContract> =
  | (C['response'] extends z.ZodType ? { status?: number; body: ResponseBody<C>; headers?: HeadersInit } : { status?: number; body?: undefined; headers?: HeadersInit })
  | Response;

export type RouteHandler<C extends RouteContract> = (input: RouteInput<C>) => Promise<RouteResult<C>>;

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

const STATUS_BY_KIND = {
  not_found: 404,
  conflict: 409,
  rejected: 400,
  invalid: 422,
  unauthorized: 401,
  forbidden: 403,
  too_large: 413,
  unsupported_media: 415,
  busy: 503,
} as const;

/** Upload bodies: the 5 MiB file plus generous room for the other parts and multipart framing. */
const MULTIPART_BODY_LIMIT = 6 * 1024 * 1024;

export function route<C extends RouteContract>(contract: C, handler: RouteHandler<C>) {
  return async (request: Request, context?: NextContext): Promise<Response> => {
    const requestId = resolveRequestId(request);
    const facts: RequestFacts = { method: contract.method, endpoint: contract.path, requestId };
    let rateLimitHeaders: Headers | undefined;
    const respond = async (): Promise<Response> => {
      // Credentials first: a caller without access learns nothing, not even which path values are malformed.
      const rawParams = await rawPathParams(context);
      facts.workspace = rawParams.workspace_id;
      const credential = await authorizeRequest(request, contract, rawParams);
      facts.keyId = loggableSubject(credential.subject);
      if (credential.kind !== 'admin') facts.workspace ??= credential.workspace || undefined;
      rateLimitHeaders = await spendRequestBudget(request, credential);
      const params = parseOrThrow(contract.params, rawParams, 'path') ?? {};
      const query = parseOrThrow(contract.query, queryObject(request), 'query');
      const body = await parseBody(contract, request);
      const result = await withIdempotency({ request, contract, credential, params, body }, async () => {
        const audited = isAuditedRoute(contract);
        const workspace = audited ? await auditedWorkspace(rawParams) : null;
        const outcome = await handler({ params, query, body, credential, request, requestId, signal: request.signal } as RouteInput<C>);
        if (audited) await recordRouteAudit({ contract, request, credential, params: rawParams, body, workspace });
        return outcome;
      });
      if (result instanceof Response) {
        result.headers.set('x-request-id', requestId);
        return result;
      }
      const status = result.status ?? contract.status;
      if (status === 204) return emptyResponse(request, { requestId, headers: result.headers });
      return jsonResponse(request, result.body ?? null, { status, requestId, headers: result.headers });
    };
    return observeRequest(facts, async () => {
      const response = await respond().catch((error: unknown) => errorResponse(request, requestId, error));
      return withRateLimitHeaders(response, rateLimitHeaders);
    });
  };
}

/** Maps anything thrown to the contract's error bodies; only the unexpected becomes a (logged, opaque) 500. */
export function errorResponse(request: Request, requestId: string, error: unknown): Response {
  if (error instanceof BadJsonError) return jsonError(request, 400, ERROR_DETAILS.malformedJson, {}, { requestId });
  if (error instanceof RateLimitExceededError) return jsonError(request, 429, RATE_LIMIT_EXCEEDED, {}, { requestId, headers: error.headers });
  if (error instanceof InvalidInputError) return validationError(request, requestId, error.issues, error.detail);
  if (error instanceof FilterRejectedError) return validationError(request, requestId, error.issues);
  if (error instanceof ServiceBusyError) {
    return jsonError(request, 503, error.message, {}, { requestId, headers: { 'retry-after': String(error.retryAfterSeconds) } });
  }
  if (error instanceof DomainError) return jsonError(request, STATUS_BY_KIND[error.kind], error.message, {}, { requestId });
  const unavailable = databaseUnavailable(error);
  if (unavailable) {
    logger().warn({ request_id: requestId, reason: unavailable.reason, err: error }, 'database unavailable');
    const headers = { 'retry-after': String(unavailable.retryAfterSeconds) };
    return jsonError(request, 503, unavailable.detail, {}, { requestId, headers });
  }
  logger().error({ request_id: requestId, err: error }, 'request threw');
  return jsonError(request, 500, ERROR_DETAILS.internal, {}, { requestId });
}

function validationError(request: Request, requestId: string, issues: InputIssue[], detail?: string): Response {
  return jsonError(request, 422, detail ?? validationDetail(issues), { errors: issues }, { requestId });
}

class BadJsonError extends Error {}

async function rawPathParams(context?: NextContext): Promise<Record<string, string>> {
  // Next resolves `params` to undefined for a route without dynamic segments (POST /v3/workspaces, /v3/keys).
  const raw = (context ? await context.params : undefined) ?? {};
  const out: Record<string, string> = {};
  // Next has already percent-decoded each value; decoding again would turn `50%25off` into a URIError.
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** Query string as an object; repeated keys become arrays (docs/api.md#s1-2). Unknown keys are kept and stripped by the schema. */
function queryObject(request: Request): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

function parseOrThrow<S extends z.ZodType | undefined>(schema: S, value: unknown, location: 'body' | 'query' | 'path') {
  if (!schema) return undefined;
  // reportInput lets the issue mapper tell a missing field ("Field required") from a wrong type.
  const parsed = schema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw new InvalidInputError(zodIssues(location, parsed.error));
  return parsed.data;
}

async function parseBody(contract: RouteContract, request: Request): Promise<unknown> {
  // Media types compare case-insensitively, but a multipart boundary is case-sensitive (RFC 2046) and browsers and bun
  // send mixed-case ones, so the parser gets the header exactly as sent.
  const sentContentType = request.headers.get('content-type') ?? '';
  const contentType = sentContentType.toLowerCase();
  if (contract.bodyMediaType === 'multipart/form-data') {
    if (!contentType.startsWith('multipart/form-data')) {
      throw new UnsupportedMediaError('Upload requires multipart/form-data');
    }
    const bytes = await readBodyBytes(request, MULTIPART_BODY_LIMIT);
    try {
      return await new Response(new Blob([new Uint8Array(bytes)]), { headers: { 'content-type': sentContentType } }).formData();
    } catch {
      throw InvalidInputError.at('body', 'Malformed multipart body');
    }
  }
  if (!contract.body) return undefined;
  // JSON routes accept application/json (any parameters) or no Content-Type at all (docs/api.md#s1-2).
  if (contentType && !contentType.startsWith('application/json')) {
    throw new UnsupportedMediaError(`Unsupported media type ${contentType.split(';')[0]}; send application/json`);
  }
  const text = await readBodyText(request, JSON_BODY_LIMIT);
  let value: unknown;
  if (text.trim() === '') value = undefined;
  else if (jsonNestsDeeperThan(text, MAX_JSON_NESTING)) {
    throw InvalidInputError.at('body', `JSON nesting deeper than ${MAX_JSON_NESTING} levels is not allowed`);
  } else {
    try {
      value = JSON.parse(text);
    } catch {
      throw new BadJsonError();
    }
  }
  if (value === undefined || value === null) {
    if (contract.bodyRequired) throw InvalidInputError.at('body', 'Field required');
    value = {};
  }
  return parseOrThrow(contract.body, value, 'body');
}
