// Checks every successful JSON answer of the in-process app against the `response` schema of the route contract that
// serves it (docs/architecture.md#response-contracts). appFetch runs it on each response, so every API, SDK and HTTP test that
// goes through the app checks the wire shape without opting in, and a handler that drifts from its contract fails the
// test that exercised it, naming the route and the offending field.
import type { z } from 'zod';
import { routes, type RouteContract } from '@/contracts/routes';

export class ResponseContractError extends Error {
  override name = 'ResponseContractError';
}

type Compiled = { contract: RouteContract; parts: (string | null)[] };
let compiled: Compiled[] | undefined;

/**
 * The contract serving `method` at a concrete path. Among patterns that match, static segments win over `{param}`
 * ones position by position, which is how the App Router and the fall-through routes pick (`PUT …/sessions/list` is
 * the dynamic session route because no static PUT is registered there).
 */
export function contractFor(method: string, pathname: string): RouteContract | undefined {
  compiled ??= routes.map((contract) => ({
    contract,
    parts: contract.path.split('/').filter(Boolean).map((p) => (p.startsWith('{') ? null : p)),
  }));
  const upper = method.toUpperCase();
  const segments = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  let best: Compiled | undefined;
  for (const candidate of compiled) {
    if (candidate.contract.method !== upper || candidate.parts.length !== segments.length) continue;
    if (!candidate.parts.every((p, i) => p === null || p === decodeSegment(segments[i]!))) continue;
    if (!best || moreStatic(candidate.parts, best.parts)) best = candidate;
  }
  return best?.contract;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function moreStatic(a: (string | null)[], b: (string | null)[]): boolean {
  for (let i = 0; i < a.length; i += 1) {
    if ((a[i] === null) !== (b[i] === null)) return a[i] !== null;
  }
  return false;
}

/** The schema documenting `status` for the contract: the main response, or an extra 2xx one. */
function schemaFor(contract: RouteContract, status: number): z.ZodType | undefined {
  if (status === contract.status) return contract.response;
  return contract.extraResponses?.[status]?.schema ?? contract.response;
}

/**
 * Why `body` (the parsed JSON of a 2xx answer) breaks the contract of `method pathname`, or null when it does not.
 * Two kinds of breach: the schema rejects the body, or the body carries fields the schema does not declare (zod would
 * silently strip them, yet they are on the wire undocumented; docs/architecture.md#response-contracts).
 */
export function responseContractViolation(method: string, pathname: string, status: number, body: unknown): string | null {
  const contract = contractFor(method, pathname);
  if (!contract) return null;
  const name = `${contract.method} ${contract.path} (${contract.id}) answered ${status}`;
  const schema = schemaFor(contract, status);
  if (!schema) return `${name} with a JSON body, but its contract documents no JSON response`;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  body${formatPath(issue.path)}: ${issue.message}`);
    return `${name} with a body its response schema rejects:\n${issues.join('\n')}`;
  }
  const undeclared = undeclaredFields(body, parsed.data, '');
  if (undeclared.length > 0) {
    return `${name} with fields its response schema does not declare:\n${undeclared.map((path) => `  body${path}`).join('\n')}`;
  }
  return null;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
}

/** Keys present in the sent JSON but dropped by parsing, i.e. not declared by any object schema on the way down. */
function undeclaredFields(sent: unknown, kept: unknown, path: string): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) {
    return sent.flatMap((item, i) => undeclaredFields(item, kept[i], `${path}[${i}]`));
  }
  if (!isPlainObject(sent) || !isPlainObject(kept)) return [];
  return Object.keys(sent).flatMap((key) =>
    key in kept ? undeclaredFields(sent[key], kept[key], `${path}.${key}`) : [`${path}.${key}`],
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws a ResponseContractError when a 2xx JSON `response` to `request` breaks its route's contract. */
export async function assertResponseMatchesContract(request: Request, response: Response): Promise<void> {
  if (response.status < 200 || response.status > 299) return;
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.startsWith('application/json')) return;
  const text = await response.clone().text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ResponseContractError(`${request.method} ${new URL(request.url).pathname} answered ${response.status} with invalid JSON`);
  }
  const violation = responseContractViolation(request.method, new URL(request.url).pathname, response.status, body);
  if (violation) throw new ResponseContractError(violation);
}
