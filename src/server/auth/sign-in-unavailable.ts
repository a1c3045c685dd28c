import 'server-only';
// Console sign-in while the database is saturated or down. Auth.js catches whatever a provider or callback throws and
// turns it into a redirect to the sign-in page with `error=Configuration` ("sign-in is misconfigured"), which hides an
// outage that a retry a few seconds later would get past. Here the Auth.js handlers run inside a request scope:
// `authorize` and the GitHub callback record the outage there, and the route answers 503 with Retry-After instead,
// with a body the console's form understands (`url` carries `error=Unavailable`, the shape Auth.js's client reads).
import { AsyncLocalStorage } from 'node:async_hooks';
import { databaseUnavailable, type DatabaseUnavailable } from '@/server/db/database-unavailable';

type Scope = { unavailable: DatabaseUnavailable | null };

const scope = new AsyncLocalStorage<Scope>();

/** The sign-in page's error code for an outage; the form shows "try again in a few seconds". */
export const SIGN_IN_UNAVAILABLE = 'Unavailable';

/** Records `error` as an outage of the current sign-in request when it is one; true if so. */
export function noteSignInUnavailable(error: unknown): boolean {
  const unavailable = databaseUnavailable(error);
  const current = scope.getStore();
  if (unavailable && current) current.unavailable = unavailable;
  return unavailable !== null;
}

/** Runs an Auth.js handler; a database outage met along the way answers 503 with Retry-After instead of its reply. */
export async function answerSignIn(signInPage: URL, handle: () => Promise<Response>): Promise<Response> {
  const current: Scope = { unavailable: null };
  const response = await scope.run(current, handle);
  if (!current.unavailable) return response;
  const url = new URL(signInPage);
  url.searchParams.set('error', SIGN_IN_UNAVAILABLE);
  return Response.json(
    { detail: current.unavailable.detail, url: url.toString() },
    { status: 503, headers: { 'retry-after': String(current.unavailable.retryAfterSeconds), 'cache-control': 'no-store' } },
  );
}
