import 'server-only';
// One page of a raw-SQL list (docs/api.md#s1-7): the rows of the requested window plus the total count, ordered by
// the given keys (the last one must be unique, so page walks never skip or repeat a row); `reverse` flips them all.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from './client';
import { pageWindow, type PageRequest } from './pagination';

export type PageQuery = {
  /** Select list, e.g. Prisma.sql`w.id, w.name`. Alias columns to the model's field names to get model-shaped rows. */
  select: Prisma.Sql;
  /** Everything between FROM and WHERE: the table, its alias and any joins. */
  from: Prisma.Sql;
  where: Prisma.Sql;
  /** Ordering keys in ascending sense; the last must be unique. */
  orderBy: readonly Prisma.Sql[];
};

export async function queryPage<T>(db: DbClient, query: PageQuery, request: PageRequest): Promise<{ rows: T[]; total: number }> {
  const direction = Prisma.raw(request.reverse ? 'DESC' : 'ASC');
  const order = Prisma.join(
    query.orderBy.map((key) => Prisma.sql`${key} ${direction}`),
    ', ',
  );
  const { limit, offset } = pageWindow(request);
  const counted = await db.$queryRaw<{ total: number }[]>`
    SELECT COUNT(*)::int AS total FROM ${query.from} WHERE ${query.where}`;
  const total = counted[0]?.total ?? 0;
  // A page past the end is an empty 200 with the right total; skip the row query when it cannot return anything.
  if (offset >= total) return { rows: [], total };
  const rows = await db.$queryRaw<T[]>`
    SELECT ${query.select} FROM ${query.from} WHERE ${query.where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;
  return { rows, total };
}

/**
 * Rows loaded by id (e.g. `findMany({where: {id: {in}}})`) put back into the page's order. Selecting only ids in SQL
 * and loading models through Prisma keeps list queries independent of the table's full column list.
 */
export function inPageOrder<T extends { id: string }>(page: readonly { id: string }[], loaded: readonly T[]): T[] {
  const byId = new Map(loaded.map((row) => [row.id, row]));
  return page.flatMap((row) => byId.get(row.id) ?? []);
}
