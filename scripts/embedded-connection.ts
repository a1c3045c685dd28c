// Where the launcher publishes the embedded database's address, so `npm run worker` and `npm run migrate` can reach
// the database the running launcher owns instead of opening its data directory a second time. The URL carries the
// database's password, so the file is private to the user running Rapport.
import fs from 'node:fs';
import path from 'node:path';

export function embeddedConnectionFile(dataDir: string): string {
  return path.join(dataDir, 'embedded-postgres.json');
}

/** Where the embedded database's generated password is kept (like the JWT and console secrets). */
export function embeddedPasswordFile(dataDir: string): string {
  return path.join(dataDir, 'embedded-db-password');
}

/** Publishes the running database's URL, which carries its password: readable by this user only. */
export function writeEmbeddedConnection(dataDir: string, url: string): void {
  const file = embeddedConnectionFile(dataDir);
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, JSON.stringify({ url, pid: process.pid }) + '\n', { mode: 0o600, flag: 'wx' });
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
