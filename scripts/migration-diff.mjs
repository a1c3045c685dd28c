// Writes a new Prisma migration from the change of prisma/schema.prisma since a git revision, offline.
//
//   npm run db:diff -- <migration_name> [--from <git-rev>]      (default --from HEAD)
//   npm run db:diff -- --print-full      print the SQL that creates the whole schema from nothing (used by the tests)
//
// Prisma's CLI (`migrate dev`) needs its native schema engine, which air-gapped machines cannot download; the WASM
// schema engine computes the same SQL from two datamodels. Objects Prisma cannot express (generated tsvector
// columns, SQL functions) must be added to the generated file by hand and listed in src/server/db/sql-only-objects.ts.
import { SchemaEngine } from '@prisma/schema-engine-wasm';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { execFileSync } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const fromIndex = args.indexOf('--from');
const fromRev = fromIndex >= 0 ? args[fromIndex + 1] : 'HEAD';
const printFull = args.includes('--print-full');
const name = args.find((a, i) => !a.startsWith('--') && !(fromIndex >= 0 && i === fromIndex + 1));
if (!printFull && (!name || !/^[a-z0-9_]+$/.test(name))) {
  console.error('usage: npm run db:diff -- <migration_name in snake_case> [--from <git-rev>]');
  process.exit(2);
}

const schemaPath = 'prisma/schema.prisma';
const toSchema = fs.readFileSync(schemaPath, 'utf8');
let fromSchema = null;
if (!printFull) {
  try {
    fromSchema = execFileSync('git', ['show', `${fromRev}:${schemaPath}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    console.log(`No ${schemaPath} at ${fromRev}: diffing from an empty database.`);
  }
}

// The engine connects through a driver adapter even for datamodel-to-datamodel diffs: give it a throwaway
// in-memory PostgreSQL (PGlite) so no server is needed.
const db = await PGlite.create({ extensions: { vector } });
const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 4 });
await server.start();
const factory = bindMigrationAwareSqlAdapterFactory(
  new PrismaPg({ connectionString: `postgresql://postgres@${server.getServerConn()}/postgres` }),
);
const engine = await SchemaEngine.new({ datamodels: [[schemaPath, toSchema]] }, () => {}, factory);
const target = (content) => ({ tag: 'schemaDatamodel', files: [{ path: schemaPath, content }] });
const result = await engine.diff({
  from: fromSchema === null ? { tag: 'empty' } : target(fromSchema),
  to: target(toSchema),
  script: true,
  shadowDatabaseUrl: null,
  exitCode: null,
  filters: { externalTables: [], externalEnums: [] },
});
await server.stop();
await db.close();
const sql = (result.stdout ?? '').trim();
if (printFull) {
  process.stdout.write(sql + '\n');
  process.exit(0);
}
if (!sql || /^-- This is an empty migration/.test(sql)) {
  console.log('The schema did not change: no migration written.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const dir = path.join('prisma/migrations', `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'migration.sql'), sql + '\n');
console.log(`Wrote ${dir}/migration.sql — review it, add any SQL-only objects, then run the tests.`);
