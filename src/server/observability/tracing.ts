import 'server-only';
// OpenTelemetry tracing for the server (started from instrumentation.ts) and `npm run worker`. It starts only when an
// OTLP endpoint is configured through the standard variables (OTEL_EXPORTER_OTLP_ENDPOINT or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), and the SDK reads the rest from them too: the protocol
// (OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf by default, http/json, grpc), headers, OTEL_SERVICE_NAME, sampling.
// Only traces are exported: metrics are Prometheus's job here (/metrics) and logs go to stdout.
import { context, propagation, trace } from '@opentelemetry/api';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import { readObservabilityConfig } from '@/server/config/observability-config';

// Kept on globalThis: the SDK registers process-wide globals, and a dev reload must not register them twice.
const KEY = Symbol.for('rapport.tracing');

/** Starts exporting spans when configured; resolves to whether tracing is on. Idempotent per process. */
export async function startTracing(): Promise<boolean> {
  // The SDK reads its settings from process.env itself, so this decision reads the same place.
  const env = process.env;
  const slot = globalThis as Record<symbol, NodeSDK | undefined>;
  if (slot[KEY]) return true;
  if (!readObservabilityConfig(env).tracing) return false;
  // Loaded only when tracing is on: the SDK with its exporters takes seconds to import on a busy machine, which
  // every start of the server and the worker would otherwise pay for nothing.
  const [{ NodeSDK }, { PrismaInstrumentation }, { AlwaysOnSampler, ParentBasedSampler }, { RootDatabaseSpanSampler }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@prisma/instrumentation'),
    import('@opentelemetry/sdk-trace'),
    import('./root-database-span-sampler'),
  ]);
  if (slot[KEY]) return true;
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? 'rapport',
    // Unless OTEL_TRACES_SAMPLER chooses a sampler, everything is sampled but the database statements outside any
    // request or worker run (the idle worker's polls), which would otherwise be a trace each.
    ...(env.OTEL_TRACES_SAMPLER ? {} : { sampler: new ParentBasedSampler({ root: new RootDatabaseSpanSampler(new AlwaysOnSampler()) }) }),
    // Prisma's spans: each client operation, and under it every SQL statement sent to the database.
    instrumentations: [new PrismaInstrumentation()],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  slot[KEY] = sdk;
  return true;
}

/** Flushes the spans still buffered and stops exporting (shutdown, tests); startTracing() may start it again. */
export async function stopTracing(): Promise<void> {
  const slot = globalThis as Record<symbol, NodeSDK | undefined>;
  const sdk = slot[KEY];
  slot[KEY] = undefined;
  if (!sdk) return;
  await sdk.shutdown();
  // The SDK leaves its provider registered; unregistering lets a later start register a fresh one.
  trace.disable();
  context.disable();
  propagation.disable();
}
