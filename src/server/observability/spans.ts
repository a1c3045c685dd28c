import 'server-only';
// Rapport's own spans. Through @opentelemetry/api only: without a started SDK (tracing off) every call here is a
// no-op, so instrumented code pays nothing. Attribute names follow the OpenTelemetry semantic conventions where one
// exists (http.*, gen_ai.*) and are prefixed `rapport.` otherwise.
import { SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

export const tracer = () => trace.getTracer('rapport');

/** Runs `fn` inside a new active span, which ends when it settles; a throw marks it failed and is rethrown. */
export async function inSpan<T>(name: string, options: { kind?: SpanKind; attributes?: Attributes }, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}

export { SpanKind, SpanStatusCode };
