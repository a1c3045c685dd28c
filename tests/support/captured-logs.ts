// Captures what the app's logger writes (JSON lines), for tests that check an error or event was logged.
import { Writable } from 'node:stream';
import { createLogger, setLogger } from '@/server/observability/logger';

export type CapturedLogs = {
  /** Every line written since capture began, parsed as JSON. */
  lines(): Record<string, unknown>[];
  /** Puts the process-wide logger back. */
  restore(): void;
};

export function captureLogs(level: 'debug' | 'info' | 'warn' = 'info'): CapturedLogs {
  let written = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  setLogger(createLogger(sink, level));
  return {
    lines: () => written.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => setLogger(null),
  };
}
