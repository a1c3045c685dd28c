/** @type {import('next').NextConfig} */
const nextConfig = {
  // The PGlite/pg drivers and Prisma's generated client are plain Node modules; keep them out of the bundle.
  // pdf-parse runs pdf.js, which loads its worker file from node_modules at run time: bundling loses that file.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'pdf-parse', 'pdfjs-dist'],
  poweredByHeader: false,
  // /v3 routes are slash-less; never redirect (the SDK would follow to a different method semantics).
  skipTrailingSlashRedirect: true,
  typedRoutes: false,
};

export default nextConfig;
