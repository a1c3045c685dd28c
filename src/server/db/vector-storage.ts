import 'server-only';
// Reads how embeddings are stored (decided at start-up by vector-setup.ts) and renders embedding values for SQL.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from './client';
import { embeddingSignature } from './embedding-signature';
import { VECTOR_SETTING_KEY, type VectorStorage } from './vector-setup';

const cache = new WeakMap<object, VectorStorage>();

export class VectorStorageNotReadyError extends Error {
  constructor() {
    super('Vector storage is not initialised: start Rapport through its launcher (npm run dev / npm start) or run npm run migrate.');
  }
}

export async function getVectorStorage(db: DbClient): Promise<VectorStorage> {
  const cached = cache.get(db);
  if (cached) return cached;
  const row = await db.deploymentSetting.findUnique({ where: { key: VECTOR_SETTING_KEY } });
  if (!row) throw new VectorStorageNotReadyError();
  const storage = row.value as unknown as VectorStorage;
  cache.set(db, storage);
  return storage;
}

/** An embedding as a typed SQL value for the active storage: `'[…]'::vector` or `'{…}'::real[]`. */
export function embeddingValue(storage: VectorStorage, values: readonly number[]): Prisma.Sql {
  checkEmbedding(storage, values);
  return storage.mode === 'pgvector'
    ? Prisma.sql`${`[${values.join(',')}]`}::vector`
    : Prisma.sql`${`{${values.join(',')}}`}::real[]`;
}

/** Throws RangeError unless `values` can be stored (or searched for) in this deployment. */
export function checkEmbedding(storage: VectorStorage, values: readonly number[]): void {
  if (values.length !== storage.dimensions) {
    throw new RangeError(`Embedding has ${values.length} dimensions; this deployment stores ${storage.dimensions}`);
  }
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError('Embedding contains a non-finite value');
}

/**
 * The embedding's binary signature as a typed SQL value. Written in both storage modes, so switching a deployment from
 * pgvector to the fallback (vector-setup.ts) finds every row already signed.
 */
export function signatureValue(storage: VectorStorage, values: readonly number[]): Prisma.Sql {
  if (values.length !== storage.dimensions) {
    throw new RangeError(`Embedding has ${values.length} dimensions; this deployment stores ${storage.dimensions}`);
  }
  return Prisma.sql`${embeddingSignature(values)}::bit varying`;
}
