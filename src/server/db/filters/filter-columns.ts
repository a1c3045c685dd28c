import 'server-only';
// How a resource exposes its columns to the filter DSL (docs/api.md#s2-4): wire key (and aliases) → SQL expression
// and kind. The kind decides which operand types and operators are legal.
import type { Prisma } from '@/generated/prisma/client';

export type FilterColumnKind = 'text' | 'number' | 'boolean' | 'datetime' | 'json' | 'level' | 'text_array';

export type FilterColumn = { sql: Prisma.Sql; kind: FilterColumnKind };

/** Wire key → column. Aliases map to the same column. */
export type FilterColumns = Readonly<Record<string, FilterColumn>>;
