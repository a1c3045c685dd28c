import 'server-only';
// The HS256 secret JWTs are signed and verified with: AUTH_JWT_SECRET when set, else the generated one kept in the
// database (shared by every instance on it; carried over from the data directory's `jwt-secret` file once).
import { configuredJwtSecret, legacyJwtSecretFile } from '@/server/config/auth-config';
import { getDb, type DbClient } from '@/server/db/client';
import { cachedInstanceSecret } from '../secrets/instance-secret';

export async function jwtSecret(db: DbClient = getDb()): Promise<string> {
  return configuredJwtSecret() ?? (await cachedInstanceSecret(db, 'jwt', { legacyFile: legacyJwtSecretFile() }));
}
