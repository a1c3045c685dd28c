// Starts the PRODUCTION server the way an operator does (`npm start`: the launcher, which migrates and then runs
// `next start` on the build in .next/) against a given database or embedded data directory, waits for /health and
// stops it again. Benchmarks time what users get, not an in-process shortcut. Needs `npm run build` first.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** How the server ended after stop()'s SIGTERM: a graceful drain exits 0 well within the grace period. */
export type ServerExit = { code: number | null; signal: NodeJS.Signals | null; ms: number; killed: boolean };

export type AppServer = { baseUrl: string; pid: number; log: string; stop(): Promise<ServerExit> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startAppServer(options: {
  /** A real server; omit for the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  env?: Record<string, string>;
  logFile: string;
}): Promise<AppServer> {
  if (!fs.existsSync(path.resolve('.next/BUILD_ID'))) throw new Error('No production build: run `npm run build` first.');
  // BENCH_APP_PORT pins the port (a shared machine hands out port ranges); otherwise any free one.
  const port = Number(process.env.BENCH_APP_PORT) || (await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    AUTH_DISABLED: 'true',
    NEXT_TELEMETRY_DISABLED: '1',
    ...options.env,
  };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.dataDir) env.RAPPORT_DATA_DIR = options.dataDir;
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const out = fs.openSync(options.logFile, 'w');
  // Its own process group, so stopping it reaches the launcher and the Next server it spawned, and nothing else.
  // What `npm start` runs (package.json): node with tsx's loader in the same process, so signals reach the launcher.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/launcher.ts', 'start'], {
    env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  const pid = child.pid!;
  let exited = false;
  child.on('exit', () => (exited = true));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<ServerExit> => {
    if (exited) return { code: child.exitCode, signal: child.signalCode, ms: 0, killed: false };
    const gone = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (code, signal) => resolve([code, signal])));
    const t = performance.now();
    process.kill(-pid, 'SIGTERM');
    let killed = false;
    const timer = setTimeout(() => {
      if (exited) return;
      killed = true;
      process.kill(-pid, 'SIGKILL');
    }, 30_000);
    const [code, signal] = await gone;
    clearTimeout(timer);
    fs.closeSync(out);
    return { code, signal, ms: performance.now() - t, killed };
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited) throw new Error(`the server exited during start-up; see ${options.logFile}`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not become healthy in 180 s; see ${options.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { baseUrl, pid, log: options.logFile, stop };
}

/** Every process of the server's tree (launcher, tsx children, Next), for memory sampling. */
export function processTree(root: number): number[] {
  const out = [root];
  for (let i = 0; i < out.length; i += 1) {
    try {
      for (const task of fs.readdirSync(`/proc/${out[i]}/task`)) {
        const children = fs.readFileSync(`/proc/${out[i]}/task/${task}/children`, 'utf8').trim();
        if (children) out.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** Resident memory of a process in MiB (VmRSS), or 0 when it is gone. */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
