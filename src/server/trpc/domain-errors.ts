import 'server-only';
// The one place where the domain's errors become tRPC error codes (the REST adapter has its own table for HTTP).
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { databaseUnavailable } from '@/server/db/database-unavailable';
import { FilterRejectedError } from '@/server/db/filters/filter-rejected-error';
import { DomainError, type InputIssue, InvalidInputError, ServiceBusyError } from '@/server/services/errors';

const CODE_BY_KIND: Record<DomainError['kind'], TRPC_ERROR_CODE_KEY> = {
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  rejected: 'BAD_REQUEST',
  invalid: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  too_large: 'PAYLOAD_TOO_LARGE',
  unsupported_media: 'UNSUPPORTED_MEDIA_TYPE',
  busy: 'SERVICE_UNAVAILABLE',
};

export function domainToTrpcError(error: DomainError | FilterRejectedError): TRPCError {
  const code = error instanceof FilterRejectedError ? 'BAD_REQUEST' : CODE_BY_KIND[error.kind];
  return new TRPCError({ code, message: consoleMessage(error), cause: error });
}

/** The wire location of a field (`body.url`, `query.page`) means nothing in a console form: the console sees `url`. */
const WIRE_LOCATION = /^(body|query|path)\./;

/** A validation message as a person reads it: the rule, without the wire path prefix the REST API puts before it. */
function consoleMessage(error: DomainError | FilterRejectedError): string {
  if (error instanceof InvalidInputError && error.detail === undefined && error.issues.length > 0) return error.issues.map((i) => i.message).join('; ');
  return error.message;
}

/** A saturated or unreachable database as SERVICE_UNAVAILABLE (HTTP 503), so the console can say "try again". */
export function unavailableToTrpcError(error: unknown): TRPCError | null {
  const unavailable = databaseUnavailable(error);
  return unavailable ? new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: unavailable.detail, cause: error }) : null;
}

/** Field-level problems carried by an error, for forms: from a domain validation error or a zod input error. */
export function issuesOf(error: unknown): InputIssue[] | null {
  if (error instanceof InvalidInputError || error instanceof FilterRejectedError) return error.issues.map((i) => ({ ...i, path: i.path.replace(WIRE_LOCATION, '') }));
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray((error as { issues: unknown }).issues)) {
    const issues = (error as { issues: { path?: PropertyKey[]; message?: string }[] }).issues;
    return issues.map((i) => ({ path: (i.path ?? []).map(String).join('.'), message: i.message ?? 'Invalid value' }));
  }
  return null;
}

/**
 * `Retry-After` for a tRPC response carrying a SERVICE_UNAVAILABLE error (the adapter's responseMeta), so the console
 * and any client retry as they would after a REST 503.
 */
export function retryAfterHeaders(errors: readonly TRPCError[]): Record<string, string> {
  for (const error of errors) {
    if (error.code !== 'SERVICE_UNAVAILABLE') continue;
    if (error.cause instanceof ServiceBusyError) return { 'retry-after': String(error.cause.retryAfterSeconds) };
    const unavailable = databaseUnavailable(error.cause);
    return { 'retry-after': String(unavailable?.retryAfterSeconds ?? 5) };
  }
  return {};
}
