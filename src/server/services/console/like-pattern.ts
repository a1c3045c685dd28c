import 'server-only';
import { Prisma } from '@/generated/prisma/client';

// "Id contains" boxes match literally: %, _ and \ typed by the user are not wildcards.
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column ILIKE '%text%'` when the box has text, otherwise no condition. */
export function containsCondition(column: Prisma.Sql, text: string | undefined): Prisma.Sql {
  const trimmed = text?.trim();
  if (!trimmed) return Prisma.sql`TRUE`;
  return Prisma.sql`${column} ILIKE ${containsPattern(trimmed)} ESCAPE '\\'`;
}
