// HTTP serving settings, read from the environment (documented in README's configuration table). The value itself is
// applied by next.config.mjs through http-compression.mjs; this reader only lets start-up refuse a misspelt value.
import { z } from 'zod';
import { flag } from './env-values';
import { parseEnv, type EnvSource } from './parse-env';
import { httpCompression } from './http-compression.mjs';

const schema = z.object({ HTTP_COMPRESSION: flag });

/** Whether Next compresses responses (docs/scaling.md#response-compression); off by default. */
export function readHttpCompression(env: EnvSource = process.env): boolean {
  parseEnv(schema, env);
  return httpCompression(env);
}
