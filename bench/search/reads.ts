// The reads the bench times, as a client sends them over HTTP to the production server, and the floor: plain
// PostgreSQL full-text search over the same rows (GIN, an OR of the query's lexemes, ts_rank_cd, top 10) through `pg`.
import type pg from 'pg';

export type ReadTarget = { workspace: string; session: string; peer: string; query: string };
export type Read = { name: string; run: (t: ReadTarget) => Promise<void> };

async function expect(response: Response, status: number, what: string): Promise<void> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${what} answered ${response.status}: ${text.slice(0, 300)}`);
}

export function httpReads(baseUrl: string): Read[] {
  const ws = (t: ReadTarget) => `${baseUrl}/v3/workspaces/${encodeURIComponent(t.workspace)}`;
  const post = async (url: string, body: unknown) =>
    expect(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), 200, url);
  return [
    { name: 'workspace message search', run: (t) => post(`${ws(t)}/search`, { query: t.query, limit: 10 }) },
    { name: 'session message search', run: (t) => post(`${ws(t)}/sessions/${encodeURIComponent(t.session)}/search`, { query: t.query, limit: 10 }) },
    {
      name: 'session context + search_query',
      run: async (t) => {
        const q = new URLSearchParams({ tokens: '2000', peer_target: t.peer, search_query: t.query });
        await expect(await fetch(`${ws(t)}/sessions/${encodeURIComponent(t.session)}/context?${q}`), 200, 'context');
      },
    },
    { name: 'peer representation', run: (t) => post(`${ws(t)}/peers/${encodeURIComponent(t.peer)}/representation`, { search_query: t.query, include_most_frequent: true }) },
    { name: 'conclusions query', run: (t) => post(`${ws(t)}/conclusions/query`, { query: t.query, top_k: 10, filters: { observer_id: t.peer, observed_id: t.peer } }) },
  ];
}

// The query's own lexemes, OR-ed, as a tsquery built from the tsvector (no re-stemming, no syntax to escape).
export const FLOOR_SQL = `
  WITH q AS (
    SELECT (SELECT string_agg(quote_literal(lexeme), ' | ') FROM unnest(to_tsvector('english', $2::text)))::tsquery AS tsq
  )
  SELECT m.id, ts_rank_cd(m.content_tsv, q.tsq) AS rank
  FROM messages m, q, workspaces w
  WHERE w.name = $1 AND m.workspace_id = w.id AND m.content_tsv @@ q.tsq
  ORDER BY rank DESC
  LIMIT 10`;

export function floorRead(pool: pg.Pool): Read {
  return { name: 'floor: plain FTS top 10', run: async (t) => void (await pool.query(FLOOR_SQL, [t.workspace, t.query])) };
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export type Timing = { name: string; p50: number; p95: number; p99: number; samples: number };

/**
 * Warm-up (untimed), then one timed call per target, one at a time: latency, not throughput. A read that takes
 * seconds stops once `budgetMs` is spent (after at least 10 samples), so a slow baseline still finishes; the sample
 * count is reported beside the percentiles.
 */
export async function timeRead(read: Read, targets: readonly ReadTarget[], warmup: number, budgetMs = Infinity): Promise<Timing> {
  for (let i = 0; i < warmup; i += 1) await read.run(targets[(targets.length - 1 - i) % targets.length]!);
  const samples: number[] = [];
  const started = performance.now();
  for (const t of targets) {
    if (samples.length >= 10 && performance.now() - started > budgetMs) break;
    const t0 = performance.now();
    await read.run(t);
    samples.push(performance.now() - t0);
  }
  return { name: read.name, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), samples: samples.length };
}
