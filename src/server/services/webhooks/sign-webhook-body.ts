// `X-Honcho-Signature` (docs/api.md#s5-7): lower-case hex HMAC-SHA256 of the exact body bytes under WEBHOOK_SECRET.
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Honcho-Signature';

export function signWebhookBody(secret: string, body: string): string {
  return createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex');
}
