// Settings for metrics, logs and traces (README "Operating Rapport", docs/operations.md). Tracing itself reads the
// standard OTEL_* variables through the OpenTelemetry SDK; only whether it is on is decided here.
import { z } from 'zod';
import { parseEnv, type EnvSource } from './parse-env';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
  METRICS_TOKEN: z.string().trim().optional(),
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  WORKER_METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.string().trim().toLowerCase().pipe(z.enum(LOG_LEVELS)).default('info'),
  LOG_FORMAT: z.string().trim().toLowerCase().pipe(z.enum(['json', 'pretty'])).optional(),
  RAPPORT_LAUNCH_MODE: z.string().optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().trim().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().trim().optional(),
  OTEL_SDK_DISABLED: z.string().trim().toLowerCase().optional(),
});

export type ObservabilityConfig = {
  /** `GET /metrics` (and the worker's metrics port) answer only when set, and only to `Bearer <token>`. */
  metricsToken: string | null;
  /** The standalone worker serves its metrics on this port when set (and METRICS_TOKEN is set). */
  workerMetricsPort: number | null;
  workerMetricsHost: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** JSON lines by default; human-readable under `npm run dev` unless LOG_FORMAT says otherwise. */
  logFormat: 'json' | 'pretty';
  /** Spans are exported when an OTLP endpoint is configured and the SDK is not disabled. */
  tracing: boolean;
};

export function readObservabilityConfig(env: EnvSource = process.env): ObservabilityConfig {
  const e = parseEnv(schema, env);
  const endpoint = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || e.OTEL_EXPORTER_OTLP_ENDPOINT;
  return {
    metricsToken: e.METRICS_TOKEN || null,
    workerMetricsPort: e.WORKER_METRICS_PORT ?? null,
    workerMetricsHost: e.WORKER_METRICS_HOST,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.RAPPORT_LAUNCH_MODE === 'dev' ? 'pretty' : 'json'),
    tracing: Boolean(endpoint) && e.OTEL_SDK_DISABLED !== 'true',
  };
}
