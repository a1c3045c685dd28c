// Lint: Next's recommended rules plus the layering rules of docs/architecture.md#layering. The layering rules make the
// dependency directions checkable: routes → server/http → server/services → server/db; the UI never imports server code.
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ['.next/**', 'node_modules/**', 'src/generated/**', '.data/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Route handlers stay thin: they reach the database only through services.
    files: ['src/app/**/*.{ts,tsx}'],
    rules: restrict([
      { group: ['@/server/db/*', '@/server/db', '@/generated/*', '**/generated/prisma/*'], message: 'Route files call services, never the data layer.' },
    ]),
  },
  {
    // Services run in plain Node (the worker): no Next, no HTTP adapter, no tRPC.
    files: ['src/server/services/**/*.ts', 'src/server/db/**/*.ts', 'src/server/models/**/*.ts', 'src/server/jobs/**/*.ts'],
    rules: restrict([
      { group: ['next', 'next/*'], message: 'Services and the data layer must run outside Next.' },
      { group: ['@/server/http/*', '@/server/trpc/*'], message: 'Services never depend on the HTTP or tRPC edges.' },
    ]),
  },
  {
    // The UI imports contracts, the AppRouter type and UI packages only.
    files: ['src/components/**/*.{ts,tsx}', 'src/app/(console)/**/*.{ts,tsx}'],
    rules: restrict([
      { group: ['@/server/*', '@/generated/*'], allowTypeImports: true, message: 'UI code never imports server values.' },
    ]),
  },
  {
    // Contracts are the shared vocabulary: zod only.
    files: ['src/contracts/**/*.ts'],
    rules: restrict([{ group: ['@/server/*', '@/app/*', '@/components/*', 'next', 'next/*'], message: 'Contracts import only zod.' }]),
  },
];

export default config;
