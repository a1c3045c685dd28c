import 'server-only';
// Database statements that run outside any request or worker run are not traced: most are the idle worker's polls
// for work (a few a second per worker, all finding nothing), which would otherwise each become a trace of their
// own. Statements inside a request or a worker run nest under its span and are sampled with it, so the polls that
// do claim work show up as the `worker.run` that follows. Every other root span is sampled as the delegate says.
import type { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
import { trace } from '@opentelemetry/api';
import { SamplingDecision, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace';

export class RootDatabaseSpanSampler implements Sampler {
  constructor(private readonly delegate: Sampler) {}

  shouldSample(context: Context, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    if (!trace.getSpanContext(context) && spanName.startsWith('prisma:')) return { decision: SamplingDecision.NOT_RECORD };
    return this.delegate.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return `RootDatabaseSpanSampler{${this.delegate.toString()}}`;
  }
}
