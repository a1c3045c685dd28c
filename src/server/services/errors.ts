// The domain's error vocabulary. Services throw these; the REST adapter and tRPC map them to status codes at the edge,
// so a rule is enforced identically for the public API and the console.

export type InputIssue = { path: string; message: string };

export type DomainErrorKind = 'not_found' | 'conflict' | 'rejected' | 'invalid' | 'unauthorized' | 'forbidden' | 'too_large' | 'unsupported_media' | 'busy';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
}

/** The base of one kind's error class: the kind is what the edges map to a status code. */
function ofKind<K extends DomainErrorKind>(kind: K) {
  return class extends DomainError {
    readonly kind: K = kind;
  };
}

/** The resource does not exist, is being deleted, or lives in another workspace (404). */
export class NotFoundError extends ofKind('not_found') {}

/** The request conflicts with the current state, e.g. deleting a workspace with live sessions (409). */
export class ConflictError extends ofKind('conflict') {}

/** A well-formed request that a rule refuses, e.g. too many observers in a session (400). */
export class RejectedError extends ofKind('rejected') {}

/** Input that fails validation beyond the wire schema, with locations (422). */
export class InvalidInputError extends ofKind('invalid') {
  /** `detail` is normally derived from the first issue; some rules fix their own wording (e.g. `Invalid response_format: …`). */
  constructor(
    readonly issues: InputIssue[],
    readonly detail?: string,
  ) {
    super(detail ?? issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  }
  static at(path: string, message: string): InvalidInputError {
    return new InvalidInputError([{ path, message }]);
  }
}

/** Authentication or authorization failure (always 401 on the wire, docs/api.md#s4-3). */
export class UnauthorizedError extends ofKind('unauthorized') {}

/** Signed in and a member, but the member's role does not allow this (console only; 403). */
export class ForbiddenError extends ofKind('forbidden') {}

/** A body or file beyond its size limit (413). */
export class TooLargeError extends ofKind('too_large') {}

/** A media type the route does not accept (415). */
export class UnsupportedMediaError extends ofKind('unsupported_media') {}

/**
 * A bounded resource of this server (not the database) is full, e.g. every upload-decoding thread is busy and the
 * waiting line is at its cap (503 with Retry-After): the same request a little later succeeds.
 */
export class ServiceBusyError extends ofKind('busy') {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
