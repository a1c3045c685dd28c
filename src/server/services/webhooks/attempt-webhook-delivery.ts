import 'server-only';
// One delivery attempt (api-contract §5.7): POST the stored body bytes with their signature, 30 s timeout, and
// classify the outcome. Network errors, timeouts, 5xx and 429 are worth retrying; any other non-2xx answer means the
// receiver refuses this event, so retrying would only repeat the refusal. Redirects are not followed: a receiver
// could otherwise bounce the server to an address registration would have refused.
import { SIGNATURE_HEADER, signWebhookBody } from './sign-webhook-body';
import { WEBHOOK_TIMEOUT_MS } from './webhook-settings';

export type DeliveryOutcome =
  | { kind: 'delivered'; responseStatus: number }
  | { kind: 'retry'; responseStatus: number | null; error: string }
  | { kind: 'refused'; responseStatus: number; error: string };

export async function attemptWebhookDelivery(
  url: string,
  body: string,
  secret: string,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<DeliveryOutcome> {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signWebhookBody(secret, body) },
      body: Buffer.from(body, 'utf8'),
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    if (timeout.aborted) return { kind: 'retry', responseStatus: null, error: `No response within ${timeoutMs / 1000} s` };
    if (options.signal?.aborted) return { kind: 'retry', responseStatus: null, error: 'Delivery interrupted: the worker is stopping' };
    return { kind: 'retry', responseStatus: null, error: `Network error: ${describeNetworkError(error)}` };
  }
  // The receiver's answer body is irrelevant; release the connection without reading it.
  await response.body?.cancel().catch(() => undefined);
  const status = response.status;
  if (status >= 200 && status < 300) return { kind: 'delivered', responseStatus: status };
  if (status === 429 || status >= 500) return { kind: 'retry', responseStatus: status, error: `Receiver answered HTTP ${status}` };
  if (status >= 300 && status < 400) {
    return { kind: 'refused', responseStatus: status, error: `Receiver answered HTTP ${status}; redirects are not followed` };
  }
  return { kind: 'refused', responseStatus: status, error: `Receiver answered HTTP ${status}` };
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as Error & { code?: string }).code;
      return code ? `${code} (${cause.message})` : cause.message;
    }
    return error.message;
  }
  return String(error);
}
