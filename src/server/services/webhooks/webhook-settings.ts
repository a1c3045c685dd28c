// Webhook limits; the environment settings of webhooks live in src/server/config/webhook-config.ts.

/** Request timeout of one delivery attempt (docs/api.md#s5-7). */
export const WEBHOOK_TIMEOUT_MS = 30_000;
/** Endpoints per workspace (docs/api.md#s3-13: the 11th registration is a 409). */
export const MAX_WEBHOOK_ENDPOINTS = 10;
export const MAX_WEBHOOK_URL_LENGTH = 2_048;
