// Identifier generation. Public ids (messages, conclusions, webhook endpoints, cloned sessions) are 21-char nanoids
// over the URL-safe alphabet, because the SDK puts them into paths without encoding (docs/api.md#s7-7). Internal keys
// use the same generator; they never leave the server.
import { nanoid } from 'nanoid';

export function newPublicId(): string {
  return nanoid(21);
}

export function newInternalId(): string {
  return nanoid(21);
}
