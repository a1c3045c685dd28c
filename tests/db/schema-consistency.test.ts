// The committed migrations produce exactly the schema prisma/schema.prisma describes (apart from the SQL-only objects
// listed in src/server/db/sql-only-objects.ts): compares the catalog of a database built from the migrations with one
// built from the SQL Prisma's schema engine derives from schema.prisma.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_COLUMNS, SIGNATURE_INDEXES, SQL_FUNCTIONS } from '@/server/db/sql-only-objects';
import { applyMigrations } from '@/server/db/migrate';
import { readCatalog, type Catalog } from '../support/catalog';
import { createTestDatabase, withClient, type TestDatabase } from '../support/test-database';

describe('migrations match schema.prisma', () => {
  let fromMigrations: TestDatabase;
  let fromSchema: TestDatabase;
  let migrated: Catalog;
  let expected: Catalog;

  beforeAll(async () => {
    const schemaSql = execFileSync(
      process.execPath,
      ['--experimental-wasm-modules', '--no-warnings', 'scripts/migration-diff.mjs', '--print-full'],
      { encoding: 'utf8' },
    );
    [fromMigrations, fromSchema] = await Promise.all([
      createTestDatabase({ migrate: false }),
      createTestDatabase({ migrate: false }),
    ]);
    await applyMigrations(fromMigrations.url);
    await withClient(fromSchema.url, (c) => c.query(schemaSql));
    migrated = await withClient(fromMigrations.url, readCatalog);
    expected = await withClient(fromSchema.url, readCatalog);
  });
  afterAll(async () => {
    await fromMigrations?.close();
    await fromSchema?.close();
  });

  it('has the same columns, types, nullability and defaults', () => {
    const generated = new Set(GENERATED_COLUMNS.map((g) => `${g.table}.${g.column}`));
    for (const key of generated) {
      // Prisma models these as plain Unsupported("tsvector") columns; the migration makes them generated.
      expect(migrated.columns[key]?.type).toBe(expected.columns[key]?.type);
      expect(migrated.columns[key]?.generated).toMatch(/to_tsvector\('english'::regconfig, content\)/);
    }
    const strip = (c: Catalog['columns']) => Object.fromEntries(Object.entries(c).filter(([k]) => !generated.has(k)));
    expect(strip(migrated.columns)).toEqual(strip(expected.columns));
    expect(Object.keys(migrated.columns).length).toBeGreaterThan(100);
  });

  it('has the same constraints, indexes and enums', () => {
    expect(migrated.constraints).toEqual(expected.constraints);
    const partial = new Set<string>(SIGNATURE_INDEXES);
    const plain = Object.fromEntries(Object.entries(migrated.indexes).filter(([name]) => !partial.has(name)));
    expect(plain).toEqual(expected.indexes);
    for (const name of partial) expect(migrated.indexes[name]).toMatch(/WHERE \(signature IS NULL\)/);
    expect(migrated.enums).toEqual(expected.enums);
  });

  it('adds only the listed SQL-only functions', () => {
    expect(expected.functions).toEqual([]);
    expect(migrated.functions).toEqual([...SQL_FUNCTIONS].sort());
  });
});
