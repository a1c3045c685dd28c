import 'server-only';
// Idempotency-Key on non-idempotent POSTs (a Rapport extension, README "Idempotency-Key"): an SDK or client retrying a
// request whose answer it lost (a timeout, a dropped connection, a crash of the caller) must not write twice. The
// first request with a key claims it (per credential and workspace) and its successful answer is stored; a repeat with
// the same request within 24 h gets that answer back, marked `Idempotent-Replayed: true`, without running again.
// A repeat with a different request is refused (422); one that arrives while the first is still running gets 409.
// Failed requests keep nothing, so their retry runs normally.
import { createHash } from 'node:crypto';
import type { RouteContract } from '@/contracts/route-contract';
import { getDb } from '@/server/db/client';
import { claimIdempotencyKey, completeIdempotencyKey, IDEMPOTENCY_RETENTION_MS, releaseIdempotencyKey } from '@/server/db/idempotency-keys';
import type { Credential } from '@/server/services/auth/credential';
import { ConflictError, InvalidInputError } from '@/server/services/errors';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/**
 * A claim without an answer this old belongs to a request that died (its process crashed): past the longest
 * transaction timeout (transaction-limits.ts) with room to spare, a retry may run again.
 */
const ABANDONED_CLAIM_MS = 10 * 60 * 1000;

/** The POST routes that write something new each time they run; get-or-create and read routes need no key. */
const NON_IDEMPOTENT_ROUTES = new Set([
  'createMessages',
  'uploadMessages',
  'createConclusions',
  'cloneSession',
  'scheduleDream',
  'testWebhookEmit',
  'peerChat',
  'workspaceChat',
  'createKey',
]);

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

let clock: () => Date = () => new Date();
/** Tests move time with this instead of waiting a day. */
export function setIdempotencyClock(now: (() => Date) | null): void {
  clock = now ?? (() => new Date());
}

type Answer = { status?: number; body?: unknown; headers?: HeadersInit } | Response;

export type IdempotentRequest = {
  request: Request;
  contract: RouteContract;
  credential: Credential;
  params: object;
  body: unknown;
};

/** Runs `handler` once per Idempotency-Key (when the request carries one and the route writes), replaying its answer. */
export async function withIdempotency(input: IdempotentRequest, handler: () => Promise<Answer>): Promise<Answer> {
  const key = input.request.headers.get(IDEMPOTENCY_KEY_HEADER);
  if (key === null || !NON_IDEMPOTENT_ROUTES.has(input.contract.id)) return handler();
  if (!KEY_PATTERN.test(key)) {
    throw InvalidInputError.at('header.Idempotency-Key', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
  }
  const db = getDb();
  const pathWorkspace = (input.params as { workspace_id?: unknown }).workspace_id;
  const workspaceId = typeof pathWorkspace === 'string' ? pathWorkspace : null;
  const scope = JSON.stringify([scopeOf(input.credential), workspaceId]);
  const requestHash = await fingerprint(input.request, input.body);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const now = clock();
    const claim = await claimIdempotencyKey(db, { scope, key, workspaceId, requestHash, now });
    if (claim.claimed) return runHolding(db, { scope, key }, input.contract.status, handler);
    const held = claim.held;
    if (!held) continue;
    const age = now.getTime() - held.createdAt.getTime();
    if (age >= IDEMPOTENCY_RETENTION_MS || (held.status === null && age >= ABANDONED_CLAIM_MS)) {
      await releaseIdempotencyKey(db, { scope, key, createdAt: held.createdAt });
      continue;
    }
    if (held.requestHash !== requestHash) {
      throw new InvalidInputError(
        [{ path: 'header.Idempotency-Key', message: 'already used with a different request' }],
        'This Idempotency-Key was already used with a different request (method, path or body); use a new key for a new request',
      );
    }
    if (held.status === null || held.responseBody === null) {
      throw new ConflictError('A request with this Idempotency-Key is still being processed; retry once it has finished');
    }
    return { status: held.status, body: JSON.parse(held.responseBody), headers: { 'idempotent-replayed': 'true' } };
  }
  throw new ConflictError('This Idempotency-Key is being claimed concurrently; retry the request');
}

async function runHolding(
  db: ReturnType<typeof getDb>,
  held: { scope: string; key: string },
  defaultStatus: number,
  handler: () => Promise<Answer>,
): Promise<Answer> {
  let answer: Answer;
  try {
    answer = await handler();
  } catch (error) {
    await releaseIdempotencyKey(db, held).catch(() => {});
    throw error;
  }
  const status = answer instanceof Response ? answer.status : (answer.status ?? defaultStatus);
  // A stream (SSE) cannot be replayed and a failure is not worth repeating: the key goes back for a retry.
  if (answer instanceof Response || status >= 300) {
    await releaseIdempotencyKey(db, held);
    return answer;
  }
  await completeIdempotencyKey(db, { ...held, status, responseBody: JSON.stringify(answer.body ?? null), now: clock() });
  return answer;
}

/** Who the key belongs to: two callers (or two tokens of one caller) never share keys. */
function scopeOf(credential: Credential): string {
  switch (credential.kind) {
    case 'admin':
      return `admin:${credential.subject ?? ''}`;
    case 'workspace':
      return `workspace:${credential.workspace}:${credential.subject ?? ''}`;
    case 'peer':
      return `peer:${credential.workspace}:${credential.peer}:${credential.subject ?? ''}`;
    case 'session':
      return `session:${credential.workspace}:${credential.session}:${credential.subject ?? ''}`;
  }
}

/** What "the same request" means: method, path and the parsed body (form fields and file bytes for uploads). */
async function fingerprint(request: Request, body: unknown): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${request.method} ${new URL(request.url).pathname}\n`);
  if (body instanceof FormData) {
    for (const [name, value] of body.entries()) {
      hash.update(`${name}\0`);
      if (typeof value === 'string') hash.update(`s${value}\0`);
      else hash.update(`f${value.name}\0${value.type}\0`).update(new Uint8Array(await value.arrayBuffer()));
    }
  } else {
    hash.update(JSON.stringify(body ?? null));
  }
  return hash.digest('hex');
}
