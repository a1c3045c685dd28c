import 'server-only';
// The standalone worker (`npm run worker`) has no web server, so it serves its metrics registry on a port of its own
// (WORKER_METRICS_PORT), through the same handler and token check as the web server's GET /metrics.
import http from 'node:http';
import { serveMetrics } from '@/server/http/metrics-endpoint';

export type MetricsServer = { port: number; close(): Promise<void> };

export async function startMetricsServer(port: number, host: string): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    const answer = url.pathname === '/metrics' && req.method === 'GET'
      ? serveMetrics(new Request(url, { headers }))
      : Promise.resolve(Response.json({ detail: 'Not Found' }, { status: 404 }));
    void answer
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch(() => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ detail: 'Internal Server Error' }));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
