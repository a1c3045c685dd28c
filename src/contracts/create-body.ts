// Get-or-create bodies (docs/api.md#s1-3, #s1-6): the resource id is `id`, and create bodies also accept `name` as an
// alias. Handlers always see a single `id`.
import { z } from 'zod';
import { resourceId } from './common';

/** `{id | name, ...shape}` → `{id, ...shape}`; `id` wins when both are sent; neither → 422 `body.id: Field required`. */
export function createBodyWithId<S extends z.ZodRawShape>(shape: S, idSchema: z.ZodType<string> = resourceId) {
  return z
    .object({
      id: idSchema.optional().meta({ description: 'The resource id (required unless `name` is given).' }),
      name: idSchema.optional().meta({ description: 'Alias of `id`.', deprecated: true }),
      ...shape,
    })
    .transform((value, ctx) => {
      const { id, name, ...rest } = value as { id?: string; name?: string } & Record<string, unknown>;
      const chosen = id ?? name;
      if (chosen === undefined) {
        ctx.addIssue({ code: 'custom', path: ['id'], message: 'Field required' });
        return z.NEVER;
      }
      return { ...(rest as Omit<z.output<z.ZodObject<S>>, 'id' | 'name'>), id: chosen };
    });
}
