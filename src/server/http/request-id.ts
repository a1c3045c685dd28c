import 'server-only';

// Request ids (docs/api.md#s1-1, docs/honcho-differences.md#unexpected-errors): every response carries `x-request-id` so a client can quote it and the
// operator can find the matching log line. A caller's own id is reused when it is safe to echo into a header and a log.
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

const SAFE_INBOUND_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The inbound `x-request-id` when it is 1–128 chars of `[A-Za-z0-9._-]`, otherwise a fresh UUID. */
export function resolveRequestId(source?: Request | Headers | null): string {
  const headers = source instanceof Request ? source.headers : source;
  const inbound = headers?.get(REQUEST_ID_HEADER);
  return inbound && SAFE_INBOUND_ID.test(inbound) ? inbound : randomUUID();
}
