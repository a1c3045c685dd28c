// Runs `prisma generate` (the postinstall step), with an offline fallback.
//
// Every Prisma CLI command first tries to download the native schema engine, even `generate`, which never runs it.
// On an air-gapped machine or behind a firewall that download fails, so when (and only when) the first attempt fails
// for a network reason, generate is retried with PRISMA_SCHEMA_ENGINE_BINARY pointing at an existing file
// (this Node binary). Machines with internet access keep the normal Prisma CLI. Any other failure, such as a schema
// error, fails the install with Prisma's own message.
//
// Environment:
//   PRISMA_SCHEMA_ENGINE_BINARY      if already set, generate runs once with it and no fallback is attempted
//   PRISMA_GENERATE_TIMEOUT_MS       limit for the first attempt (default 60000); a firewall that silently drops
//                                    packets makes the download hang rather than fail
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const generatedClient = path.join(root, 'src', 'generated', 'prisma', 'client.ts');
const timeoutMs = Number(process.env.PRISMA_GENERATE_TIMEOUT_MS) || 60_000;

// Output that means the engine download could not reach its server, as opposed to a problem with the schema.
const NETWORK_FAILURE =
  /binaries\.prisma\.sh|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|getaddrinfo|fetch failed|socket hang up|network (error|is unreachable)|unable to get local issuer certificate|self[- ]signed certificate|Failed to fetch the engine|download .*engine/i;

// Strips colour codes so the pattern above sees plain text.
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

function log(message) {
  process.stderr.write(`[prisma-generate] ${message}\n`);
}

function findPrismaCli() {
  try {
    const require = createRequire(path.join(root, 'package.json'));
    const pkgPath = require.resolve('prisma/package.json');
    const bin = require(pkgPath).bin;
    return path.join(path.dirname(pkgPath), typeof bin === 'string' ? bin : bin.prisma);
  } catch {
    return null;
  }
}

/** Runs the CLI, streaming its output, and resolves with its exit status, captured output and whether it timed out. */
function runGenerate(cli, env, limitMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'generate'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });

    let killTimer;
    const timer = limitMs
      ? setTimeout(() => {
          timedOut = true;
          log(`prisma generate did not finish within ${Math.round(limitMs / 1000)} s; stopping it.`);
          child.kill('SIGTERM');
          killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        }, limitMs)
      : undefined;

    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);

    const finish = (code, error) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({ code, error, output: output.replace(ANSI, ''), timedOut });
    };
    child.on('error', (error) => finish(1, error));
    child.on('close', (code, signal) => finish(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const cli = findPrismaCli();
  if (!cli) {
    // A production install without dev dependencies (npm ci --omit=dev) has no Prisma CLI. That is fine only if the
    // client was generated before (e.g. copied from a build stage).
    if (existsSync(generatedClient)) {
      log('Prisma CLI not installed; keeping the existing generated client.');
      return 0;
    }
    log('Prisma CLI not installed and no generated client found. Install dev dependencies and run `npm install`.');
    return 1;
  }

  const env = { ...process.env };
  if (process.stdout.isTTY && env.FORCE_COLOR === undefined) env.FORCE_COLOR = '1';

  if (env.PRISMA_SCHEMA_ENGINE_BINARY) {
    const result = await runGenerate(cli, env, 0);
    if (result.error) log(`could not start Prisma: ${result.error.message}`);
    return result.code;
  }

  const first = await runGenerate(cli, env, timeoutMs);
  if (first.code === 0) return 0;
  if (first.error) {
    log(`could not start Prisma: ${first.error.message}`);
    return first.code;
  }
  if (!first.timedOut && !NETWORK_FAILURE.test(first.output)) return first.code;

  log(
    'Prisma could not download its schema engine (offline or firewalled). `prisma generate` does not run that engine, ' +
      'so it is retried with PRISMA_SCHEMA_ENGINE_BINARY set to a placeholder. Other Prisma CLI commands still need ' +
      'network access or a real engine binary.',
  );
  const second = await runGenerate(cli, { ...env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath }, 0);
  if (second.error) log(`could not start Prisma: ${second.error.message}`);
  return second.code;
}

process.exitCode = await main();
