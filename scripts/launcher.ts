// `npm run dev` / `npm start`: prepares the database, then runs Next.js.
// With no DATABASE_URL it first starts the embedded PostgreSQL (PGlite + pgvector) on 127.0.0.1, with its data under
// RAPPORT_DATA_DIR (default .data/). This process owns that data directory for as long as it runs; Ctrl-C stops Next,
// then the database, cleanly, and the next start reuses the data.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { configuredJwtSecret, isAuthDisabled } from '@/server/config/auth-config';
import { checkEnvironment } from '@/server/config/check-environment';
import { readDatabaseConfig } from '@/server/config/database-config';
import { readObservabilityConfig } from '@/server/config/observability-config';
import { readWorkerConfig } from '@/server/config/worker-config';
import { acquireDataDirLock, startEmbeddedPostgres, type EmbeddedPostgres } from '@/server/db/embedded-postgres';
import { prepareDatabase } from '@/server/db/prepare-database';
import { readOrCreateSecretFile } from '@/server/config/secret-file';
import { embeddedConnectionFile, embeddedPasswordFile, writeEmbeddedConnection } from './embedded-connection';
import { prettyLogStream } from './pretty-logs';

const modeArg = process.argv[2];
if (modeArg !== 'dev' && modeArg !== 'start') {
  console.error('usage: tsx scripts/launcher.ts dev|start');
  process.exit(2);
}
const mode: 'dev' | 'start' = modeArg;

const log = (line: string) => console.log(`[rapport] ${line}`);
const port = Number(process.env.PORT ?? 8000);
// Development binds to loopback only; production listens on every interface unless HOST says otherwise.
const host = process.env.HOST ?? (mode === 'dev' ? '127.0.0.1' : '0.0.0.0');
const dataDir = path.resolve(process.env.RAPPORT_DATA_DIR ?? '.data');

let embedded: EmbeddedPostgres | undefined;
let releaseLock: (() => void) | undefined;
let next: ChildProcess | undefined;
let stopping = false;

/** Says — loudly when it is off — whether the API will demand credentials; the rule itself lives in auth-config. */
function reportApiAuth(): void {
  if (isAuthDisabled({ ...process.env, RAPPORT_LAUNCH_MODE: mode })) {
    const why = process.env.AUTH_DISABLED ? 'AUTH_DISABLED is set' : '`npm run dev` default';
    console.warn(`[rapport] ⚠⚠⚠ WARNING: API AUTH IS DISABLED (${why}): every /v3 request is served as admin without a credential. ⚠⚠⚠`);
    console.warn('[rapport] ⚠ Never expose this server to a network you do not trust; set AUTH_DISABLED=false to enforce credentials.');
    return;
  }
  const where = configuredJwtSecret() ? 'AUTH_JWT_SECRET' : 'the database (generated once, shared by every instance on it)';
  log(`API auth enabled: Authorization: Bearer <JWT or API key> required on /v3; JWT secret from ${where}`);
}

async function main(): Promise<void> {
  // Every bad setting at once, before anything starts (the app and worker read them again where they use them).
  checkEnvironment({ ...process.env, RAPPORT_LAUNCH_MODE: mode });
  reportApiAuth();
  const config = readDatabaseConfig();
  let url = config.url;
  let databaseMode: 'embedded' | 'server' = 'server';
  if (!url) {
    const pgDir = path.join(dataDir, 'pglite');
    releaseLock = acquireDataDirLock(pgDir);
    const started = Date.now();
    embedded = await startEmbeddedPostgres({
      dataDir: pgDir,
      port: Number(process.env.EMBEDDED_DB_PORT ?? 0),
      password: config.embeddedPassword ?? readOrCreateSecretFile(embeddedPasswordFile(dataDir), 'EMBEDDED_DB_PASSWORD'),
      idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs,
    });
    url = embedded.url;
    databaseMode = 'embedded';
    writeEmbeddedConnection(dataDir, url);
    log(`embedded PostgreSQL (PGlite) on 127.0.0.1:${embedded.port} (password ${config.embeddedPassword ? 'from EMBEDDED_DB_PASSWORD' : `in ${path.relative(process.cwd(), embeddedPasswordFile(dataDir))}`}), data in ${path.relative(process.cwd(), pgDir) || pgDir} (${Date.now() - started} ms)`);
  }
  const prepared = await prepareDatabase(url, {
    vectorPreference: config.vectorPreference,
    embeddingDimensions: config.embeddingDimensions,
    log,
  });
  log(`database ready: ${databaseMode}, vectors: ${prepared.vector.mode} (${prepared.vector.dimensions} dimensions)`);

  if (mode === 'start' && !fs.existsSync(path.resolve('.next/BUILD_ID'))) {
    throw new Error('No production build found: run `npm run build` before `npm start`.');
  }
  const nextBin = path.resolve('node_modules/next/dist/bin/next');
  // JSON log lines stay as they are for log shippers; under `npm run dev` (or LOG_FORMAT=pretty) they are made readable.
  const pretty = readObservabilityConfig({ ...process.env, RAPPORT_LAUNCH_MODE: mode }).logFormat === 'pretty' ? await prettyLogStream() : null;
  const nodeArgs = nextNodeArgs();
  if (nodeArgs.length > 0) log(`Next.js runs with node ${nodeArgs.join(' ')} (RAPPORT_NEXT_NODE_ARGS)`);
  const child = spawn(process.execPath, [...nodeArgs, nextBin, mode, '--port', String(port), '--hostname', host], {
    stdio: ['inherit', pretty ? 'pipe' : 'inherit', 'inherit'],
    env: { ...process.env, DATABASE_URL: url, RAPPORT_DATABASE_MODE: databaseMode, RAPPORT_LAUNCH_MODE: mode, PORT: String(port), NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1' },
  });
  next = child;
  if (pretty) child.stdout?.pipe(pretty);
  log(`Rapport on http://${host === '0.0.0.0' ? 'localhost' : host}:${port} (API /v3, docs /docs, health /health)`);
  child.on('exit', (code, signal) => {
    next = undefined;
    // A shutdown we started is waiting for this exit and ends with its own status (0 on SIGTERM). Without this,
    // Next's status (143 after a signal) raced it and, with no embedded database to stop, won.
    if (stopping) return;
    log(`Next.js exited (${signal ?? code}); stopping`);
    void shutdown(code ?? (signal ? 0 : 1));
  });
}

/**
 * Extra node flags for the Next.js process, for diagnosis: `--cpu-prof` (which NODE_OPTIONS refuses) or
 * `--expose-gc` (the soak's heap figures). Whitespace-separated; unset in normal operation.
 */
function nextNodeArgs(): string[] {
  return (process.env.RAPPORT_NEXT_NODE_ARGS ?? '').split(/\s+/).filter((arg) => arg !== '');
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping && next) return;
  stopping = true;
  if (next) {
    const child = next;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    // Next's in-process worker first lets running batches finish (QUEUE_SHUTDOWN_GRACE_MS), then releases the rest;
    // only a server that overruns that by far is killed.
    const timer = setTimeout(() => child.kill('SIGKILL'), readWorkerConfig().shutdownGraceMs + 10_000);
    await exited;
    clearTimeout(timer);
  }
  if (embedded) {
    await embedded.stop().catch((error) => console.error('[rapport] stopping the embedded database:', error));
    fs.rmSync(embeddedConnectionFile(dataDir), { force: true });
    embedded = undefined;
  }
  releaseLock?.();
  releaseLock = undefined;
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!stopping) log(`${signal}: stopping`);
    void shutdown(0);
  });
}

main().catch(async (error: unknown) => {
  console.error(`[rapport] ${error instanceof Error ? error.message : String(error)}`);
  stopping = true;
  await shutdown(1);
});
