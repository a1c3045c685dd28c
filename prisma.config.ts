// Prisma CLI configuration. The URL falls back to a placeholder so `prisma generate` works with no database configured
// (env() would throw when DATABASE_URL is unset). Migrations are applied by scripts/migrate.ts, not by the CLI.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/rapport' },
});
