// `npm run rapport -- <command>`: moves whole workspaces between servers over HTTP (docs/portability.md).
//
//   npm run rapport -- export --workspace my-app --out my-app.ndjson [--embeddings]
//   npm run rapport -- import --workspace my-app --file my-app.ndjson
//   npm run rapport -- import --workspace my-app --from-honcho https://source.example --source-api-key … [--source-workspace other]
//
// The server is --url (or RAPPORT_URL, default http://localhost:8000) with --api-key (or RAPPORT_API_KEY): an admin key
// or a key of the workspace. An interrupted import is resumed by running the same command again.
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { ApiError, apiClient } from '@/cli/api-client';
import { exportToFile } from '@/cli/export-to-file';
import { asText, honchoWorkspaceLines } from '@/cli/honcho-source';
import { countFileLines, fileLines, importLines } from '@/cli/import-lines';

const USAGE = `usage:
  npm run rapport -- export --workspace <id> --out <file> [--embeddings]
  npm run rapport -- import --workspace <id> --file <file>
  npm run rapport -- import --workspace <id> --from-honcho <baseURL> [--source-api-key <key>] [--source-workspace <id>]
options: --url <server> (RAPPORT_URL, default http://localhost:8000), --api-key <key> (RAPPORT_API_KEY)`;

function bar(label: string) {
  return new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} lines | {eta_formatted} left`, hideCursor: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      'api-key': { type: 'string' },
      workspace: { type: 'string' },
      out: { type: 'string' },
      file: { type: 'string' },
      embeddings: { type: 'boolean', default: false },
      'from-honcho': { type: 'string' },
      'source-api-key': { type: 'string' },
      'source-workspace': { type: 'string' },
    },
  });
  const command = positionals[0];
  const workspace = values.workspace;
  if ((command !== 'export' && command !== 'import') || !workspace) throw new UsageError(USAGE);
  const client = apiClient({
    baseUrl: values.url ?? process.env.RAPPORT_URL ?? 'http://localhost:8000',
    apiKey: values['api-key'] ?? process.env.RAPPORT_API_KEY,
  });
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort(new Error('interrupted')));

  if (command === 'export') {
    if (!values.out) throw new UsageError(USAGE);
    const progress = bar('export');
    progress.start(1, 0);
    const { lines } = await exportToFile(client, workspace, values.out, {
      embeddings: values.embeddings,
      signal: stop.signal,
      onProgress: (p) => {
        progress.setTotal(p.total);
        progress.update(p.lines);
      },
    }).finally(() => progress.stop());
    console.log(`exported ${lines} lines of ${workspace} to ${values.out}`);
    return;
  }

  let source: AsyncIterable<string>;
  let total: number;
  if (values['from-honcho']) {
    const honcho = apiClient({ baseUrl: values['from-honcho'], apiKey: values['source-api-key'] ?? process.env.HONCHO_API_KEY });
    console.log(`reading ${values['source-workspace'] ?? workspace} from ${honcho.baseUrl} …`);
    source = asText(honchoWorkspaceLines(honcho, values['source-workspace'] ?? workspace));
    total = 0;
  } else {
    if (!values.file) throw new UsageError(USAGE);
    source = fileLines(values.file);
    total = await countFileLines(values.file);
  }
  const progress = bar('import');
  progress.start(Math.max(total, 1), 0);
  const result = await importLines(client, workspace, source, {
    signal: stop.signal,
    onBatch: (_first, p) => {
      if (p.imported_through > progress.getTotal()) progress.setTotal(p.imported_through + 1);
      progress.update(p.imported_through);
    },
  }).finally(() => progress.stop());
  const resumed = result.resumedAfter > 1 ? ` (resumed after line ${result.resumedAfter})` : '';
  console.log(`imported ${result.imported_through} lines into ${workspace}${resumed}`);
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(error.message);
  else if (error instanceof ApiError) console.error(`[rapport] the server answered ${error.status}: ${error.detail}`);
  else console.error(`[rapport] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
