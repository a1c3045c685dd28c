// Secrets generated on first use and kept in the data directory (JWT signing, console session cookies), so restarts
// keep them. Several processes starting at once agree on one value: the secret is written to a private temp file and
// hard-linked into place, and link() fails when another process got there first. Readers never see a partial file.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

function readSecretFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The secret stored in `file`, created (mode 0600) when missing. `envName` names the variable that overrides it. */
export function readOrCreateSecretFile(file: string, envName: string): string {
  const existing = readSecretFile(file);
  if (existing) {
    // Tighten a file someone loosened: anyone who can read it can forge credentials.
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    return existing;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  const secret = readSecretFile(file);
  if (!secret) throw new Error(`The secret file ${file} is empty: delete it or set ${envName}`);
  return secret;
}
