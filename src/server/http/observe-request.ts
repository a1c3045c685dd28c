import 'server-only';
// Wraps the answering of one HTTP request so every route records the same things once: the request counter and
// latency histogram by route template, 429s. `facts` is filled in by the adapter as it learns them (the credential
// is known only after authentication), and is what the other signals of a request are labelled with.
import { metrics } from '@/server/observability/metrics';

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
  const started = performance.now();
  const response = await answer();
  recordResponse(facts, response.status, (performance.now() - started) / 1000);
  return response;
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
