// OpenTelemetry: with an OTLP endpoint configured, spans reach a receiver on loopback (started here) for requests
// (route template, status, workspace), the database statements under them, worker runs, and model calls with the
// GenAI attributes; the protocol follows OTEL_EXPORTER_OTLP_PROTOCOL.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateText } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observeRequest } from '@/server/http/observe-request';
import { runWorkerOnce } from '@/server/jobs/run-worker-once';
import { observedLanguageModel } from '@/server/observability/observed-model';
import { startTracing, stopTracing } from '@/server/observability/tracing';
import { call, installAppFetch } from '../support/app-fetch';
import { uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { addItems, createEffectsTable, db, effectHandler, quiet, seedQueueTenant } from '../jobs/job-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();

type Received = { path: string; contentType: string; body: Buffer };
type OtlpValue = { stringValue?: string; intValue?: number | string; doubleValue?: number; boolValue?: boolean; arrayValue?: { values: OtlpValue[] } };
type OtlpSpan = {
  traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; endTimeUnixNano?: string | number;
  attributes?: { key: string; value: OtlpValue }[]; status?: { code?: number };
};
type Span = { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes: Record<string, unknown>; error: boolean; endMs: number };

const received: Received[] = [];
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
    res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/json' });
    res.end(req.headers['content-type']?.includes('json') ? '{}' : '');
  });
});

function plain(value: OtlpValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue) return value.arrayValue.values.map(plain);
  return undefined;
}

/** Every span of every OTLP/HTTP JSON export received so far. */
function spans(): Span[] {
  return received
    .filter((r) => r.path === '/v1/traces' && r.contentType.startsWith('application/json'))
    .flatMap((r) => (JSON.parse(r.body.toString()) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans)
    .flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans))
    .map((s) => ({
      traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || undefined, name: s.name, kind: s.kind,
      attributes: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, plain(a.value)])),
      error: s.status?.code === 2,
      endMs: Number(BigInt(s.endTimeUnixNano ?? 0) / 1_000_000n),
    }));
}

let endpoint = '';
beforeAll(async () => {
  installAppFetch();
  await createEffectsTable();
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await stopTracing();
  otelEnv({});
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

/** Sets the OTEL_* variables the SDK reads (it reads process.env itself), replacing any set before. */
function otelEnv(values: Record<string, string>): void {
  for (const name of Object.keys(process.env)) if (name.startsWith('OTEL_')) delete process.env[name];
  Object.assign(process.env, values);
}

describe('tracing off', () => {
  it('does not start without an OTLP endpoint, or when the SDK is disabled', async () => {
    otelEnv({});
    expect(await startTracing()).toBe(false);
    otelEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SDK_DISABLED: 'true' });
    expect(await startTracing()).toBe(false);
  });
});

describe('spans over OTLP/HTTP JSON', () => {
  const ws = uniqueId('traces');
  const secretText = 'the-user-said-this-and-it-must-not-be-in-a-span';

  beforeAll(async () => {
    otelEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
    expect(await startTracing()).toBe(true);
    const created = await call('POST', `/v3/workspaces/${ws}/sessions/s1/messages`, { messages: [{ peer_id: 'alice', content: secretText }] });
    expect(created.status).toBe(201);
    expect((await call('GET', `/v3/workspaces/${ws}/peers/nobody-here/card`)).status).toBe(404);

    const tenant = await seedQueueTenant(uniqueId('traces-worker'), ['alice'], ['s1']);
    await addItems(tenant.workspaceId, 3, { kind: 'backfill', unitKey: `backfill:${tenant.workspaceId}` });
    expect((await runWorkerOnce({ db: db(), handlers: { backfill: effectHandler('backfill', 5) }, log: quiet })).completed).toBe(3);

    const usage = { inputTokens: { total: 120, noCache: 120, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 30, text: 30, reasoning: 0 } };
    const model = new MockLanguageModelV3({
      provider: 'mock-provider',
      modelId: 'mock-model',
      doGenerate: async () => ({ content: [{ type: 'text', text: 'an answer' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] }),
    });
    await generateText({ model: observedLanguageModel(model, 'dialectic'), prompt: secretText, maxOutputTokens: 200 });
    // An idle poll: the queue is drained, so the worker's queries find nothing.
    expect((await runWorkerOnce({ db: db(), handlers: { backfill: effectHandler('backfill', 5) }, log: quiet })).completed).toBe(0);

    // A streamed answer whose stream ends well after its headers were returned.
    let finish!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: first\n\n'));
        finish = () => {
          controller.enqueue(new TextEncoder().encode('data: last\n\n'));
          controller.close();
        };
      },
    });
    const facts = { method: 'POST', endpoint: '/v3/stream-check', requestId: 'stream-check' };
    const response = await observeRequest(facts, async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('first');
    // A gap between headers and end, so a span ended at its headers would end clearly before streamEndedAt.
    await new Promise((resolve) => setTimeout(resolve, STREAM_GAP_MS));
    streamEndedAt = Date.now();
    finish();
    let text = '';
    for (let part = await reader.read(); !part.done; part = await reader.read()) text += new TextDecoder().decode(part.value);
    expect(text).toContain('last');
    await stopTracing();
  });
  let streamEndedAt = 0;
  const STREAM_GAP_MS = 25;

  it('ends the span of a streamed answer when its stream ends, not at its headers', () => {
    const stream = spans().find((s) => s.name === 'POST /v3/stream-check');
    // The outcome is set when the stream completes; an attribute set on an ended span would be dropped.
    expect(stream?.attributes['rapport.stream.outcome']).toBe('completed');
    // The SDK's clock is Date.now() at the span's start (whole ms) plus elapsed monotonic time, so its end can read up
    // to 1 ms earlier than Date.now() at the same instant.
    expect(stream!.endMs).toBeGreaterThanOrEqual(streamEndedAt - 1);
  });

  it('does not trace database statements outside a request or worker run, like the polls of an idle worker', () => {
    const orphans = spans().filter((s) => s.name.startsWith('prisma:') && !s.parentSpanId);
    expect(orphans.map((s) => s.name)).toEqual([]);
    // Statements inside requests and runs are still there (and checked in detail below).
    expect(spans().filter((s) => s.name.startsWith('prisma:')).length).toBeGreaterThan(0);
  });

  it('exports a server span per request with the route template, status and workspace', () => {
    const request = spans().find((s) => s.name === 'POST /v3/workspaces/{workspace_id}/sessions/{session_id}/messages');
    expect(request).toBeDefined();
    expect(request!.kind).toBe(2);
    expect(request!.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/v3/workspaces/{workspace_id}/sessions/{session_id}/messages',
      'http.response.status_code': 201,
      'rapport.workspace': ws,
    });
    const notFound = spans().find((s) => s.name === 'GET /v3/workspaces/{workspace_id}/peers/{peer_id}/card');
    expect(notFound?.attributes['http.response.status_code']).toBe(404);
  });

  it('nests the database statements of a request under its span', () => {
    const request = spans().find((s) => s.name.startsWith('POST /v3/workspaces/{workspace_id}/sessions'))!;
    const database = spans().filter((s) => s.traceId === request.traceId && s.name.startsWith('prisma:'));
    expect(database.length).toBeGreaterThan(0);
    expect(database.some((s) => s.attributes['db.query.text'] !== undefined || s.attributes['db.statement'] !== undefined)).toBe(true);
  });

  it('exports a span per worker run, with its database work under it', () => {
    const run = spans().find((s) => s.name === 'worker.run backfill');
    expect(run?.attributes).toMatchObject({ 'rapport.work.kind': 'backfill', 'rapport.work.items': 3, 'rapport.work.outcome': 'returned' });
    expect(spans().some((s) => s.traceId === run!.traceId && s.name.startsWith('prisma:'))).toBe(true);
  });

  it('exports model calls with the GenAI conventions and without the prompt', () => {
    const chat = spans().find((s) => s.name === 'chat mock-model');
    expect(chat?.kind).toBe(3);
    expect(chat?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'mock-provider',
      'gen_ai.request.model': 'mock-model',
      'gen_ai.request.max_tokens': 200,
      'gen_ai.usage.input_tokens': 120,
      'gen_ai.usage.output_tokens': 30,
      'gen_ai.response.finish_reasons': ['stop'],
      'rapport.model.task': 'dialectic',
    });
    for (const r of received) expect(r.body.toString()).not.toContain(secretText);
  });
});

describe('protocol', () => {
  it('sends protobuf by default (http/protobuf), as the OTLP specification says', async () => {
    const before = received.length;
    otelEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    expect(await startTracing()).toBe(true);
    expect((await call('GET', '/v3/workspaces/protobuf-check/peers/nobody/card')).status).toBe(404);
    await stopTracing();
    const exports = received.slice(before).filter((r) => r.path === '/v1/traces');
    expect(exports.length).toBeGreaterThan(0);
    for (const r of exports) expect(r.contentType).toBe('application/x-protobuf');
    // The route template is in the encoded span as a string field.
    expect(Buffer.concat(exports.map((r) => r.body)).toString('latin1')).toContain('GET /v3/workspaces/{workspace_id}/peers/{peer_id}/card');
  });
});
