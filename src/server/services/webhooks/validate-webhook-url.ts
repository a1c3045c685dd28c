// The rules a webhook URL must meet at registration (docs/api.md#s3-13): http or https, at most 2,048 characters,
// and no IP-literal host outside the public internet, nor `localhost`, unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES is set.
// Other names are not resolved here: what they resolve to is checked when each delivery connects
// (outbound-address-guard.ts), since it can change after registration.
import { InvalidInputError } from '../errors';
import { classifyHost, isLocalhostName } from './ip-literal';
import { allowPrivateWebhookAddresses } from '@/server/config/webhook-config';
import { MAX_WEBHOOK_URL_LENGTH } from './webhook-settings';

const PATH = 'body.url';

/** Returns the URL as given (it is stored and compared verbatim); throws a 422 InvalidInputError otherwise. */
export function validateWebhookUrl(raw: string): string {
  const text = raw.trim();
  if (text.length === 0) throw InvalidInputError.at(PATH, 'URL must not be empty');
  if (text.length > MAX_WEBHOOK_URL_LENGTH) {
    throw InvalidInputError.at(PATH, `URL must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw InvalidInputError.at(PATH, 'Invalid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw InvalidInputError.at(PATH, 'URL scheme must be http or https');
  }
  if (!url.hostname) throw InvalidInputError.at(PATH, 'URL must have a host');
  if (!allowPrivateWebhookAddresses()) {
    if (classifyHost(url.hostname) === 'blocked-ip') {
      throw InvalidInputError.at(PATH, 'URL host is a private, loopback, link-local, reserved, multicast or unspecified IP address');
    }
    if (isLocalhostName(url.hostname)) throw InvalidInputError.at(PATH, 'URL host is localhost');
  }
  return text;
}
