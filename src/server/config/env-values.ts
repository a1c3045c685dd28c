// Value types shared by the settings groups of src/server/config, so every boolean or duration setting accepts and
// refuses the same spellings and reports them the same way.
import { z } from 'zod';

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

/** A boolean setting: true/false, 1/0, yes/no, on/off (any case). An empty value counts as unset. */
export const flag = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || TRUE.includes(v) || FALSE.includes(v), 'must be true or false')
  .transform((v) => (v === undefined ? undefined : TRUE.includes(v)));

/** A whole number of milliseconds, at least `min`, defaulting to `fallback`. */
export const milliseconds = (fallback: number, min: number) => z.coerce.number().int().min(min).default(fallback);
