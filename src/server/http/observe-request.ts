import 'server-only';
// Wraps the answering of one HTTP request so every route records the same things once: the request counter and
// latency histogram by route template, 429s, one structured log line and one server span (whose context the
// database and model spans of the request nest under). `facts` is filled in by the adapter as it learns them (the
// credential is known only after authentication).
import { logger } from '@/server/observability/logger';
import { metrics } from '@/server/observability/metrics';
import { inSpan, SpanKind, SpanStatusCode } from '@/server/observability/spans';

export type RequestFacts = {
  method: string;
  /** The route template (`/v3/workspaces/{workspace_id}`), never the raw path: it labels metrics. */
  endpoint: string;
  requestId: string;
  workspace?: string;
  /** `key:<api key id>` or `jwt:<hash prefix>`: which credential called, never the credential itself. */
  keyId?: string;
};

export async function observeRequest(facts: RequestFacts, answer: () => Promise<Response>): Promise<Response> {
  const attributes = { 'http.request.method': facts.method, 'http.route': facts.endpoint, 'rapport.request_id': facts.requestId };
  return inSpan(`${facts.method} ${facts.endpoint}`, { kind: SpanKind.SERVER, attributes }, async (span) => {
    const started = performance.now();
    const response = await answer();
    const seconds = (performance.now() - started) / 1000;
    recordResponse(facts, response.status, seconds);
    logResponse(facts, response.status, seconds);
    span.setAttribute('http.response.status_code', response.status);
    if (facts.workspace) span.setAttribute('rapport.workspace', facts.workspace);
    if (facts.keyId) span.setAttribute('rapport.key_id', facts.keyId);
    if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    return response;
  });
}

function logResponse(facts: RequestFacts, status: number, seconds: number): void {
  const line = {
    request_id: facts.requestId,
    method: facts.method,
    route: facts.endpoint,
    status,
    latency_ms: Math.round(seconds * 1_000_000) / 1000,
    key_id: facts.keyId,
    workspace: facts.workspace,
  };
  const log = logger();
  if (status >= 500) log.error(line, 'request failed');
  else log.info(line, 'request');
}

function recordResponse(facts: RequestFacts, status: number, seconds: number): void {
  const m = metrics();
  m.apiRequests.labels(facts.method, facts.endpoint, String(status)).inc();
  m.apiDuration.labels(facts.method, facts.endpoint).observe(seconds);
  if (status === 429) m.rateLimited.labels(facts.endpoint).inc();
}

/** The credential's subject as it may appear in logs: a key id as is, a JWT only as a short prefix of its hash. */
export function loggableSubject(subject: string | undefined): string | undefined {
  if (!subject) return undefined;
  return subject.startsWith('jwt:') ? subject.slice(0, 16) : subject;
}
