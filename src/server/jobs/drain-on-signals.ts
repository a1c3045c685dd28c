import 'server-only';
// SIGTERM/SIGINT for the worker that runs inside the Next server (`npm start`, `next start`). Next registers its
// own handlers before instrumentation runs, and they end in process.exit() as soon as the HTTP server is closed,
// which would cut running batches off mid-flight: each would spend an attempt and stay blocked until its lease
// expires. So the handlers already present are taken off and called only after the worker has drained (within its
// grace period). With no earlier handler, the signal's default action (terminate) is restored and re-raised.

type SignalTarget = Pick<NodeJS.Process, 'listeners' | 'removeAllListeners' | 'on' | 'kill' | 'pid'>;
type Signal = 'SIGTERM' | 'SIGINT';
type Listener = (signal: Signal) => void;

export function drainOnSignals(
  drain: () => Promise<void>,
  options: { target?: SignalTarget; signals?: readonly Signal[]; log?: (line: string) => void } = {},
): void {
  const target = options.target ?? process;
  let draining: Promise<void> | null = null;
  for (const signal of options.signals ?? (['SIGTERM', 'SIGINT'] as const)) {
    const previous = target.listeners(signal) as Listener[];
    target.removeAllListeners(signal);
    target.on(signal, () => {
      // A repeated signal (a shell sends SIGINT to the whole group) must not start a second drain.
      if (draining) return;
      options.log?.(`${signal}: finishing running batches before shutdown`);
      draining = drain()
        .catch((error: unknown) => options.log?.(`draining the worker failed: ${error instanceof Error ? error.message : String(error)}`))
        .then(() => {
          if (previous.length > 0) {
            for (const listener of previous) listener(signal);
            return;
          }
          target.removeAllListeners(signal);
          target.kill(target.pid, signal);
        });
    });
  }
}
