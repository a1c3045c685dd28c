import 'server-only';
// One delivery attempt (docs/api.md#s5-7): POST the stored body bytes with their signature, 30 s timeout, and
// classify the outcome. Network errors, timeouts, 5xx and 429 are worth retrying; any other non-2xx answer means the
// receiver refuses this event, so retrying would only repeat the refusal.
//
// Where the request may go is checked at connect time (outbound-address-guard.ts, docs/security.md): the host is
// resolved here, a blocked answer refuses the delivery, and the socket connects only to the checked address. Redirects
// are never followed: a receiver could otherwise bounce the server to an address the check would have refused, and a
// 301/302 would turn the POST into a GET anyway.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { classifyHost, isLocalhostName } from './ip-literal';
import { BlockedAddressError, guardConnectedSocket, guardedLookup, systemResolver, type HostResolver } from './outbound-address-guard';
import { SIGNATURE_HEADER, signWebhookBody } from './sign-webhook-body';
import { allowPrivateWebhookAddresses } from '@/server/config/webhook-config';
import { WEBHOOK_TIMEOUT_MS } from './webhook-settings';

export type DeliveryOutcome =
  | { kind: 'delivered'; responseStatus: number }
  | { kind: 'retry'; responseStatus: number | null; error: string }
  | { kind: 'refused'; responseStatus: number | null; error: string };

export type DeliveryOptions = {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** How host names are resolved; tests inject one to make a name resolve to a loopback address. */
  resolve?: HostResolver;
};

export async function attemptWebhookDelivery(url: string, body: string, secret: string, options: DeliveryOptions = {}): Promise<DeliveryOutcome> {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const target = new URL(url);
  const guarded = !allowPrivateWebhookAddresses();
  if (guarded && classifyHost(target.hostname) === 'blocked-ip') {
    return refusedAddress(new BlockedAddressError(target.hostname, target.hostname.replace(/^\[|\]$/g, '')));
  }
  if (guarded && isLocalhostName(target.hostname)) return refusedAddress(new BlockedAddressError(target.hostname, target.hostname));
  let status: number;
  try {
    status = await post(target, Buffer.from(body, 'utf8'), signWebhookBody(secret, body), signal, guarded ? (options.resolve ?? systemResolver) : null);
  } catch (error) {
    if (error instanceof BlockedAddressError) return refusedAddress(error);
    if (timeout.aborted) return { kind: 'retry', responseStatus: null, error: `No response within ${timeoutMs / 1000} s` };
    if (options.signal?.aborted) return { kind: 'retry', responseStatus: null, error: 'Delivery interrupted: the worker is stopping' };
    return { kind: 'retry', responseStatus: null, error: `Network error: ${describeNetworkError(error)}` };
  }
  if (status >= 200 && status < 300) return { kind: 'delivered', responseStatus: status };
  if (status === 429 || status >= 500) return { kind: 'retry', responseStatus: status, error: `Receiver answered HTTP ${status}` };
  if (status >= 300 && status < 400) {
    return { kind: 'refused', responseStatus: status, error: `Receiver answered HTTP ${status}; redirects are not followed` };
  }
  return { kind: 'refused', responseStatus: status, error: `Receiver answered HTTP ${status}` };
}

function refusedAddress(error: BlockedAddressError): DeliveryOutcome {
  return { kind: 'refused', responseStatus: null, error: `Refused to connect: ${error.message}` };
}

/** Sends the POST on a fresh connection (no pooling: every delivery's address is checked) and returns the status. */
function post(target: URL, body: Buffer, signature: string, signal: AbortSignal, resolve: HostResolver | null): Promise<number> {
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((settle, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': body.length, [SIGNATURE_HEADER]: signature },
        agent: false,
        signal,
        ...(resolve ? { lookup: guardedLookup(resolve) } : {}),
      },
      (response: IncomingMessage) => {
        // The receiver's answer body is irrelevant; discard it so the socket can close.
        response.resume();
        settle(response.statusCode ?? 0);
      },
    );
    if (resolve) req.on('socket', (socket) => guardConnectedSocket(socket, target.hostname));
    req.on('error', reject);
    req.end(body);
  });
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const source = cause instanceof Error ? cause : error;
    const code = (source as Error & { code?: string }).code;
    return code ? `${code} (${source.message})` : source.message;
  }
  return String(error);
}
