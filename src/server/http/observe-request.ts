import 'server-only';
// Wraps the answering of one HTTP request so every route records the same things once: the request counter and
// latency histogram by route template, 429s, one structured log line and one server span (whose context the
// database and model spans of the request nest under). `facts` is filled in by the adapter as it learns them (the
// credential is known only after authentication). The same facts feed the usage roll-ups and the request log: an
// in-memory tally a timer flushes, so the request waits on no extra write. Model calls made while answering are
// attributed to the request's workspace through the usage scope.
import { logger } from '@/server/observability/logger';
import { metrics } from '@/server/observability/metrics';
import type { Span } from '@opentelemetry/api';
import { SpanKind, SpanStatusCode, tracer } from '@/server/observability/spans';
import { usageTally } from '@/server/services/usage/usage-recorder';
import { withUsageScope } from '@/server/services/usage/usage-scope';

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
  return tracer().startActiveSpan(`${facts.method} ${facts.endpoint}`, { kind: SpanKind.SERVER, attributes }, async (span) => {
    const started = performance.now();
    let response: Response;
    try {
      response = await withUsageScope(facts, answer);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      throw error;
    }
    const seconds = (performance.now() - started) / 1000;
    recordResponse(facts, response.status, seconds);
    logResponse(facts, response.status, seconds);
    usageTally().recordRequest({ ...facts, status: response.status, latencyMs: seconds * 1000 });
    span.setAttribute('http.response.status_code', response.status);
    if (facts.workspace) span.setAttribute('rapport.workspace', facts.workspace);
    if (facts.keyId) span.setAttribute('rapport.key_id', facts.keyId);
    if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    // A streamed answer (a chat's server-sent events) is still being produced after its headers: its span lasts
    // until the stream ends or the client goes away, so the model calls made while streaming fall inside it.
    if (response.body && response.headers.get('content-type')?.startsWith('text/event-stream')) return endSpanWithStream(response, span);
    span.end();
    return response;
  });
}

function endSpanWithStream(response: Response, span: Span): Response {
  const reader = response.body!.getReader();
  let ended = false;
  const end = (outcome: 'completed' | 'cancelled' | 'failed') => {
    if (ended) return;
    ended = true;
    span.setAttribute('rapport.stream.outcome', outcome);
    if (outcome === 'failed') span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          end('completed');
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        end('failed');
        controller.error(error);
      }
    },
    cancel(reason) {
      end('cancelled');
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
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
