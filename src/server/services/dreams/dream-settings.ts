// Dream constants; the environment settings of dreams live in src/server/config/dream-config.ts.

/** Dream items are retried like derivation items before they become failed. */
export const DREAM_MAX_ATTEMPTS = 3;
