// How the benchmarks reach Rapport: in-process (the default — an in-memory embedded database, migrated, with the
// /v3 route handlers called directly and the embedding queue drained by the real worker) or over HTTP against a
// running server (--base-url), where the server's own worker embeds and the benchmark waits for the queue to empty.
import { closeDb, getDb } from '@/server/db/client';
import { startEmbeddedPostgres } from '@/server/db/embedded-postgres';
import { prepareDatabase } from '@/server/db/prepare-database';
import { embeddingHandler } from '@/server/jobs/handlers/embedding-handler';
import { runWorkerOnce } from '@/server/jobs/run-worker-once';
import { getModelEngines } from '@/server/models';

export type BenchApi = {
  post(path: string, body: unknown, expected: number): Promise<unknown>;
  get(path: string, expected: number): Promise<unknown>;
  /** Waits until every embedding of what was written so far exists; with `allWork`, until the whole queue (derivation
   * included, its debounce skipped) is done. */
  drain(options?: { allWork?: boolean }): Promise<void>;
  describe(): string;
  close(): Promise<void>;
};

export async function openBenchApi(options: { baseUrl?: string; apiKey?: string; databaseUrl?: string }): Promise<BenchApi> {
  return options.baseUrl ? remoteApi(options.baseUrl, options.apiKey) : localApi(options.databaseUrl);
}

async function check(response: Response, expected: number, what: string): Promise<unknown> {
  const text = await response.text();
  if (response.status !== expected) throw new Error(`${what} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

function remoteApi(baseUrl: string, apiKey: string | undefined): BenchApi {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
  const base = baseUrl.replace(/\/+$/, '');
  return {
    post: async (p, body, expected) => check(await fetch(`${base}${p}`, { method: 'POST', headers, body: JSON.stringify(body) }), expected, p),
    get: async (p, expected) => check(await fetch(`${base}${p}`, { headers }), expected, p),
    // The server embeds in the background; a short settle time is all a remote benchmark can do.
    drain: () => new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_SETTLE_MS ?? 15_000))),
    describe: () => `server ${base}`,
    close: async () => {},
  };
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteTable = { pattern: RegExp; names: string[]; load: () => Promise<Record<string, unknown>> }[];

// The routes the benchmarks call, resolved the way the App Router would.
const ROUTES: RouteTable = [
  route('/v3/workspaces/:workspace_id/sessions/:session_id/messages', () => import('@/app/v3/workspaces/[workspace_id]/sessions/[session_id]/messages/route')),
  route('/v3/workspaces/:workspace_id/sessions/:session_id/search', () => import('@/app/v3/workspaces/[workspace_id]/sessions/[session_id]/search/route')),
  route('/v3/workspaces/:workspace_id/sessions/:session_id/context', () => import('@/app/v3/workspaces/[workspace_id]/sessions/[session_id]/context/route')),
  route('/v3/workspaces/:workspace_id/peers/:peer_id/representation', () => import('@/app/v3/workspaces/[workspace_id]/peers/[peer_id]/representation/route')),
  route('/v3/workspaces/:workspace_id/search', () => import('@/app/v3/workspaces/[workspace_id]/search/route')),
  route('/v3/workspaces/:workspace_id/peers/:peer_id/chat', () => import('@/app/v3/workspaces/[workspace_id]/peers/[peer_id]/chat/route')),
];

function route(path: string, load: () => Promise<Record<string, unknown>>) {
  const names: string[] = [];
  const pattern = new RegExp(`^${path.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
  return { pattern, names, load };
}

async function localApi(databaseUrl: string | undefined): Promise<BenchApi> {
  process.env.AUTH_DISABLED = 'true';
  let stop = async () => {};
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres({});
    await prepareDatabase(embedded.url, {
      vectorPreference: 'auto',
      embeddingDimensions: Number(process.env.EMBEDDING_DIMENSIONS ?? 384),
    });
    process.env.DATABASE_URL = embedded.url;
    stop = embedded.stop;
  } else process.env.DATABASE_URL = databaseUrl;

  const dispatch = async (method: string, path: string, body: unknown, expected: number) => {
    const url = new URL(path, 'http://bench.local');
    for (const entry of ROUTES) {
      const match = entry.pattern.exec(url.pathname);
      if (!match) continue;
      const handler = (await entry.load())[method] as Handler | undefined;
      if (!handler) break;
      const params = Object.fromEntries(entry.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
      const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
      if (body !== undefined) init.body = JSON.stringify(body);
      return check(await handler(new Request(url, init), { params: Promise.resolve(params) }), expected, path);
    }
    throw new Error(`No in-process route for ${method} ${path}`);
  };
  return {
    post: (p, body, expected) => dispatch('POST', p, body, expected),
    get: (p, expected) => dispatch('GET', p, undefined, expected),
    drain: async (options) => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          // A benchmark replays history at once: pending derivation is made due instead of waiting out its debounce.
          if (options?.allWork) await getDb().$executeRaw`UPDATE work_items SET available_at = now(), deadline_at = now() WHERE status = 'pending'`;
          const handlers = options?.allWork ? undefined : { embedding: embeddingHandler };
          const report = await runWorkerOnce({ db: getDb(), handlers, concurrency: 1, budgetMs: 600_000, log: () => {} });
          if (options?.allWork) {
            const [left] = await getDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM work_items WHERE status = 'pending'`;
            if (left && left.n > 0 && attempt < 50) continue;
          }
          if (!report.budgetExhausted) return;
        } catch (error) {
          // A busy machine can make a claim wait past Prisma's transaction start timeout; the next pass resumes.
          if (attempt >= 5) throw error;
        }
      }
    },
    describe: () => `in-process, ${getModelEngines().embedder.engine} ${getModelEngines().embedder.dimensions}-d`,
    close: async () => {
      await closeDb();
      await stop();
    },
  };
}
