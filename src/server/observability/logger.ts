import 'server-only';
// The process's structured logger: one JSON object per line on stdout (pino), which log shippers read as they are.
// `npm run dev` shows them readably by piping the server's output through pino-pretty (scripts/launcher.ts), so the
// application itself always writes the same lines. Fields that can hold a secret or what a user wrote are replaced
// by "[redacted]" wherever they appear, so a careless `log.info({ body })` cannot leak them.
import pino, { type DestinationStream, type Logger } from 'pino';
import { readObservabilityConfig } from '@/server/config/observability-config';

/** Field names whose values are never written: credentials, and message and query text. */
const SECRET_FIELDS = [
  'authorization', 'cookie', 'password', 'token', 'secret', 'apiKey', 'api_key', 'jwt', 'key',
  'content', 'messages', 'query', 'prompt', 'text', 'body',
];

/** The same fields at the top level, one level down (`headers.authorization`) and two levels down. */
export const REDACTED_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

export function createLogger(destination?: DestinationStream, level = readObservabilityConfig().logLevel): Logger {
  const options = {
    level,
    base: { service: 'rapport', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

// One logger per process, on globalThis: the instrumentation hook, route bundles and the worker share it.
const KEY = Symbol.for('rapport.logger');

export function logger(): Logger {
  const slot = globalThis as Record<symbol, Logger | undefined>;
  slot[KEY] ??= createLogger();
  return slot[KEY];
}

/** Replaces the process logger (the standalone worker's pretty output, tests); null goes back to the default. */
export function setLogger(next: Logger | null): void {
  (globalThis as Record<symbol, Logger | undefined>)[KEY] = next ?? undefined;
}
