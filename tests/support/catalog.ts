// A comparable description of a database's public schema (tables, columns, constraints, indexes, enums, functions),
// read from pg_catalog so the same description works on PGlite and on a real server.
import type pg from 'pg';

export type Catalog = {
  columns: Record<string, { type: string; notNull: boolean; default: string | null; generated: string | null }>;
  constraints: Record<string, string>;
  indexes: Record<string, string>;
  enums: Record<string, string[]>;
  functions: string[];
};

export async function readCatalog(client: pg.Client): Promise<Catalog> {
  const columns = await client.query<{ key: string; type: string; not_null: boolean; def: string | null; generated: string }>(`
    SELECT c.relname || '.' || a.attname AS key, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
           pg_get_expr(d.adbin, d.adrelid) AS def, a.attgenerated AS generated
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'`);
  const constraints = await client.query<{ key: string; def: string }>(`
    SELECT cl.relname || '.' || co.conname AS key, pg_get_constraintdef(co.oid) AS def
    FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = 'public'
    WHERE cl.relname <> '_prisma_migrations'`);
  const indexes = await client.query<{ key: string; def: string }>(`
    SELECT indexname AS key, indexdef AS def FROM pg_indexes
    WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`);
  const enums = await client.query<{ name: string; labels: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
    JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'public' GROUP BY t.typname`);
  const functions = await client.query<{ name: string }>(`
    SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'public'
    WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`);
  return {
    columns: Object.fromEntries(
      columns.rows.map((r) => [r.key, { type: r.type, notNull: r.not_null, default: r.generated ? null : r.def, generated: r.generated ? r.def : null }]),
    ),
    constraints: Object.fromEntries(constraints.rows.map((r) => [r.key, r.def])),
    indexes: Object.fromEntries(indexes.rows.map((r) => [r.key, r.def])),
    enums: Object.fromEntries(enums.rows.map((r) => [r.name, r.labels])),
    functions: functions.rows.map((r) => r.name).sort(),
  };
}
