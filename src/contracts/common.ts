// Shared wire vocabulary (docs/api.md#s1): ids, metadata, timestamps, query booleans and arrays, pagination.
import { z } from 'zod';

export const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const NUL = /\u0000/g;

/** User-chosen workspace, peer and session ids: 1–512 chars of `[A-Za-z0-9_-]` (docs/api.md#s1-3). */
export const resourceId = z
  .string()
  .min(1, 'Must be at least 1 character')
  .max(512, 'Must be at most 512 characters')
  .regex(ID_PATTERN, 'Must contain only letters, digits, underscores and hyphens');

/** Peer and session ids additionally may not use the reserved `scope.` prefix (it cannot match the pattern anyway). */
export const peerId = resourceId;
export const sessionId = resourceId;

/** Reserved prefix of the peer names that store scopes; never valid in a peer or session id. */
export const SCOPE_PEER_PREFIX = 'scope.';

/** Longest scope id: the stored peer name `scope.<id>` must still fit the 512-character id limit. */
export const SCOPE_ID_MAX_LENGTH = 512 - SCOPE_PEER_PREFIX.length;

/** A scope id as the wire carries it: unprefixed, 1–506 characters of `[A-Za-z0-9_-]`. */
export const scopeId = z
  .string()
  .min(1, 'Must be at least 1 character')
  .max(SCOPE_ID_MAX_LENGTH, `Must be at most ${SCOPE_ID_MAX_LENGTH} characters`)
  .refine((id) => !id.startsWith(SCOPE_PEER_PREFIX), 'Scope ids are unprefixed')
  .refine((id) => ID_PATTERN.test(id), 'Must contain only letters, digits, underscores and hyphens');

/** Server-generated ids (messages, conclusions, webhooks): 21-char nanoids; path values are only length-checked. */
export const publicId = z.string().min(1).max(64);

/** Removes NUL characters from every string and key of a JSON value (docs/api.md#s1-5). */
export function stripNul<T>(value: T): T {
  if (typeof value === 'string') return value.replace(NUL, '') as T;
  if (Array.isArray(value)) return value.map(stripNul) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(NUL, ''), stripNul(v)])) as T;
  }
  return value;
}

/**
 * True when objects and arrays nest deeper than `max` (the root object counts as 1). An explicit stack instead of
 * recursion, and it stops at the first too-deep value: a 100,000-deep value must be a 422, not a stack overflow.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (!item || typeof item !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Text with NUL characters removed. */
export const cleanText = z.string().transform((s) => s.replace(NUL, ''));

/** Metadata: a JSON object, ≤100 top-level keys, nesting depth ≤5 with the root counted as 1 (docs/api.md#s1-5). */
export const metadataSchema = z
  .record(z.string(), z.unknown())
  .superRefine((value, ctx) => {
    if (Object.keys(value).length > 100) ctx.addIssue({ code: 'custom', message: 'At most 100 top-level keys are allowed' });
    if (nestsDeeperThan(value, 5)) ctx.addIssue({ code: 'custom', message: 'Nesting deeper than 5 levels is not allowed' });
  })
  .transform((value) => stripNul(value))
  .meta({ id: 'Metadata', description: 'JSON object; ≤100 top-level keys, nesting depth ≤5.' });

/** Free-form configuration object (validated further where keys have meaning). */
export const configurationObject = z.record(z.string(), z.unknown()).transform((value) => stripNul(value));

const NAIVE_DATETIME = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?$/;
const ZONED_DATETIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** Parses the datetime input forms of docs/api.md#s1-4 (naive values mean UTC); null when unparseable. */
export function parseDateTimeInput(text: string): Date | null {
  const trimmed = text.trim();
  let iso: string;
  if (ZONED_DATETIME.test(trimmed)) iso = trimmed.replace(' ', 'T');
  else if (NAIVE_DATETIME.test(trimmed)) iso = `${trimmed.replace(' ', 'T')}${trimmed.length === 10 ? 'T00:00:00' : ''}Z`;
  else return null;
  // JavaScript keeps milliseconds; extra fractional digits are truncated rather than rejected.
  iso = iso.replace(/(\.\d{3})\d+/, '$1');
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const dateTimeInput = z.string().transform((text, ctx) => {
  const date = parseDateTimeInput(text);
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'Invalid datetime: use ISO-8601, e.g. 2026-08-20T15:42:38Z' });
    return z.NEVER;
  }
  return date;
});

/** Query booleans: true/false, 1/0, yes/no, on/off, case-insensitive (docs/api.md#s1-2). */
export const queryBoolean = z.string().transform((text, ctx) => {
  const v = text.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  ctx.addIssue({ code: 'custom', message: 'Must be a boolean (true or false)' });
  return z.NEVER;
});

/** A query integer within bounds. */
export function queryInt(min: number, max: number) {
  return z
    .string()
    .regex(/^\s*[+-]?\d+\s*$/, 'Must be an integer')
    .transform(Number)
    .pipe(z.number().int().min(min, `Must be ≥ ${min}`).max(max, `Must be ≤ ${max}`));
}

/** Repeated query keys (`sessions=a&sessions=b`); a single occurrence arrives as a string. */
export function queryArray<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === undefined || Array.isArray(value) ? value : [value]), z.array(item));
}

/** `page`, `size`, `reverse` (docs/api.md#s1-7). */
export const paginationQuery = z.object({
  page: queryInt(1, 1_000_000).optional(),
  size: queryInt(1, 100).optional(),
  reverse: queryBoolean.optional(),
});
export type PaginationInput = { page: number; size: number; reverse: boolean };

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int(),
      page: z.number().int(),
      size: z.number().int(),
      pages: z.number().int(),
    })
    .meta({ id });
}

export type Page<T> = { items: T[]; total: number; page: number; size: number; pages: number };

/** RFC 3339 UTC output with `Z` (docs/api.md#s1-4). */
export const timestamp = z.string().meta({ description: 'RFC 3339 UTC timestamp', example: '2026-08-20T15:42:38.123Z' });
