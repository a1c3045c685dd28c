/** @type {import('next').NextConfig} */
const nextConfig = {
  // The PGlite/pg drivers and Prisma's generated client are plain Node modules; keep them out of the bundle.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@electric-sql/pglite', '@electric-sql/pglite-socket'],
  poweredByHeader: false,
  // /v3 routes are slash-less; never redirect (the SDK would follow to a different method semantics).
  skipTrailingSlashRedirect: true,
  typedRoutes: false,
};

export default nextConfig;
