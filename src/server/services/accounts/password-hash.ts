import 'server-only';
// Console passwords: Argon2id (memory-hard) through @node-rs/argon2's prebuilt binary, with its defaults
// (19 MiB, 2 passes, 1 lane — OWASP's minimum recommendation). The PHC string carries its parameters, so raising
// them later keeps old hashes verifiable.
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed check, never a crash of the sign-in route.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so response timing does not reveal whether an email has an account. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hash(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
}
