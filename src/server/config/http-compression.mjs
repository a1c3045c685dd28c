// Whether the app compresses its responses (HTTP_COMPRESSION, docs/scaling.md#response-compression). Plain
// JavaScript because next.config.mjs reads it when `next start` starts; http-config.ts validates the spelling at
// start-up with the other settings (the spellings are env-values.ts's `flag`), so an unknown value never gets here.

const TRUE = ['true', '1', 'yes', 'on'];

/** On only when HTTP_COMPRESSION says so: compression is the reverse proxy's or the platform's job by default. */
export function httpCompression(env) {
  const value = env.HTTP_COMPRESSION;
  return typeof value === 'string' && TRUE.includes(value.trim().toLowerCase());
}
