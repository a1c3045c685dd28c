// Runs once when a Next.js server instance starts: starts OpenTelemetry tracing when an OTLP endpoint is configured
// (docs/operations.md), records each request's socket address for the client-address rule (docs/security.md), and
// starts the background worker inside the server process (docs/scaling.md), unless WORKER_IN_PROCESS=false or on a
// serverless platform (Vercel uses the cron tick instead).
export async function register(): Promise<void> {
  // The Edge runtime has no database driver, and `next build` must not start background work while it prerenders.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // First, so the spans of everything after it (requests, the worker's runs) are exported.
  if (process.env.NEXT_PHASE !== 'phase-production-build') {
    const { startTracing } = await import('./server/observability/tracing');
    await startTracing();
  }
  // Before the first request: lets handlers see the socket address behind forwarding headers (peer-address.ts).
  const { installPeerAddressHeader } = await import('./server/http/peer-address');
  installPeerAddressHeader();
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // `next start` without the launcher (and Vercel) gets the same start-up check of every setting as `npm start`.
  const { checkEnvironment } = await import('./server/config/check-environment');
  checkEnvironment();
  // Imported lazily so the Edge bundle of this file never pulls in Prisma or node: modules.
  const { startInProcessWorker } = await import('./server/jobs/in-process-worker');
  startInProcessWorker();
}
