// Where message token counts are computed (docs/ingest.md), read from the environment (documented in README's
// configuration table).
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { parseEnv, type EnvSource } from './parse-env';

const schema = z.object({
  TOKEN_COUNT_THREADS: z.coerce.number().int().min(0).max(64).optional(),
});

/**
 * Worker threads that count the tokens of written messages. The default leaves one core to the main thread, which
 * runs everything else: one thread on 2 cores, none (count on the main thread) on one core, where a thread would
 * only add the cost of handing the texts over.
 */
export function readTokenCountThreads(env: EnvSource = process.env): number {
  return parseEnv(schema, env).TOKEN_COUNT_THREADS ?? availableParallelism() - 1;
}
