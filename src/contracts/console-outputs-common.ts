// Building blocks of the console procedures' `.output()` schemas (docs/architecture.md#response-contracts). The
// console has no transformer, so every value crosses as JSON: timestamps are ISO strings, never Date objects.
import { z } from 'zod';

/** A JSON object the console shows as is (metadata, configuration, audit details). */
export const jsonObject = z.record(z.string(), z.unknown());

/** ISO-8601 timestamp as the services format it (`toISOString()`). */
export const isoTime = z.string();

/** One page of a console list: the wire's pagination fields without registering an OpenAPI component. */
export function consolePage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), size: z.number().int(), pages: z.number().int() });
}

/** A mutation's acknowledgement naming what it removed. */
export const deletedOutput = z.object({ deleted: z.string() });
