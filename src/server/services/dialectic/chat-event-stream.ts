import 'server-only';
// The streaming chat body (docs/api.md#s3-11): server-sent events, each `data: ` + one line of JSON + a blank line,
// in exactly the framing Honcho emits (Python's JSON separators, `", "` and `": "`), ending with `{"done": true}`
// (plus evidence when asked). The stream is pulled: the model runs only as fast as the client reads, and a client
// that goes away cancels the answer loop. A failure after the headers were sent has no status code left to change,
// so the stream is aborted without a terminal frame (the client's reader raises) and the failure is logged.
import type { WireEvidence } from '@/contracts/chat';
import { logger } from '@/server/observability/logger';
import type { ChatRun } from './chat-run';

export const CHAT_STREAM_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};

/** JSON with Python's default separators, so frames match Honcho's byte for byte. */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function deltaFrame(content: string): string {
  return `data: ${pythonJson({ delta: { content }, done: false })}\n\n`;
}

export function doneFrame(evidence?: WireEvidence): string {
  return `data: ${pythonJson(evidence ? { done: true, evidence } : { done: true })}\n\n`;
}

export function chatEventStream(run: ChatRun, options: { requestId: string; signal?: AbortSignal }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const cancelled = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, cancelled.signal]) : cancelled.signal;
  const deltas = run.deltas(signal);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await deltas.next();
        if (!next.done) {
          if (next.value) controller.enqueue(encoder.encode(deltaFrame(next.value)));
          return;
        }
        const evidence = run.plan.includeEvidence ? await run.evidence() : undefined;
        controller.enqueue(encoder.encode(doneFrame(evidence)));
        controller.close();
      } catch (error) {
        if (!signal.aborted) logger().error({ request_id: options.requestId, err: error }, 'chat stream failed after the headers were sent');
        controller.error(error);
      }
    },
    async cancel() {
      cancelled.abort();
      await deltas.return(undefined).catch(() => undefined);
    },
  });
}
