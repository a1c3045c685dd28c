// Where the launcher publishes the embedded database's address, so `npm run worker` and `npm run migrate` can reach
// the database the running launcher owns instead of opening its data directory a second time.
import fs from 'node:fs';
import path from 'node:path';

export function embeddedConnectionFile(dataDir: string): string {
  return path.join(dataDir, 'embedded-postgres.json');
}

/** The URL of a running launcher's embedded database, or null when none is running. */
export function runningEmbeddedUrl(dataDir: string): string | null {
  try {
    const info = JSON.parse(fs.readFileSync(embeddedConnectionFile(dataDir), 'utf8')) as { url: string; pid: number };
    process.kill(info.pid, 0);
    return info.url;
  } catch {
    return null;
  }
}
